using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>Names for the places a waker is kept ("this._w", "this._shared.Waker"), so a guard and a store can be matched.</summary>
internal static class StoreSlots
{
    /// <summary>The slots a registration writes or goes through.</summary>
    public static ImmutableArray<string> Of(IOperation op, RegistrationEvaluator evaluator)
    {
        var slots = ImmutableArray.CreateBuilder<string>();
        void Add(IOperation? o)
        {
            if (Key(o, evaluator) is { } k) slots.Add(k);
        }
        switch (op)
        {
            case ISimpleAssignmentOperation a:
                Add(a.Target);
                break;
            case ICompoundAssignmentOperation c:
                Add(c.Target);
                break;
            case IEventAssignmentOperation e:
                Add(e.EventReference);
                break;
            case IInvocationOperation inv:
                Add(inv.Instance);
                foreach (var a in inv.Arguments)
                {
                    if (a.Parameter?.RefKind is RefKind.Ref or RefKind.Out) Add(a.Value);
                }
                var parent = inv.Parent;
                while (parent is IConversionOperation) parent = parent.Parent;
                if (parent is ISimpleAssignmentOperation assigned) Add(assigned.Target);
                if (evaluator.HelperSlots.TryGetValue(inv, out var fields)) slots.AddRange(fields);
                break;
        }
        return slots.ToImmutable();
    }

    /// <summary>A stable name for a field/property chain, or null when the expression is not one.</summary>
    public static string? Key(IOperation? op, RegistrationEvaluator? evaluator)
    {
        switch (op)
        {
            case null:
                return null;
            case IConversionOperation c:
                return Key(c.Operand, evaluator);
            case IParenthesizedOperation p:
                return Key(p.Operand, evaluator);
            case IInstanceReferenceOperation:
                return "this";
            case ILocalReferenceOperation l:
                return "local:" + l.Local.Name;
            case IParameterReferenceOperation p:
                return "param:" + p.Parameter.Name;
            case IFieldReferenceOperation f:
                return (f.Instance is null ? f.Field.ContainingType.Name : Key(f.Instance, evaluator)) + "." + f.Field.Name;
            case IPropertyReferenceOperation p:
                var owner = p.Instance is null ? p.Property.ContainingType.Name : Key(p.Instance, evaluator);
                if (owner is null) return null;
                return p.Arguments.Length > 0 ? owner + "[]" : owner + "." + p.Property.Name;
            case IArrayElementReferenceOperation e:
                return Key(e.ArrayReference, evaluator) is { } array ? array + "[]" : null;
            case IEventReferenceOperation ev:
                return (ev.Instance is null ? ev.Event.ContainingType.Name : Key(ev.Instance, evaluator)) + "." + ev.Event.Name;
            case IFlowCaptureReferenceOperation r when evaluator?.CaptureSource(r) is { } source:
                return Key(source, evaluator);
            case IInvocationOperation { TargetMethod.Name: "Read", Arguments.Length: 1 } read:
                return Key(read.Arguments[0].Value, evaluator); // Volatile.Read(ref _f)
            default:
                return null;
        }
    }

    /// <summary>Every slot a store into <paramref name="slot"/> is <see cref="Related"/> to: itself and each owner ("_a.b[" gives "_a.b", "_a").</summary>
    public static System.Collections.Generic.IEnumerable<string> RelatedTested(string slot)
    {
        for (var i = 1; i < slot.Length; i++)
        {
            if (slot[i] is '.' or '[') yield return slot.Substring(0, i);
        }
        yield return slot;
    }

    /// <summary>Whether a store into <paramref name="slot"/> touches <paramref name="tested"/> (the same slot, a part of it, or its owner).</summary>
    public static bool Related(string slot, string tested) =>
        slot == tested || slot.StartsWith(tested + ".", System.StringComparison.Ordinal) || slot.StartsWith(tested + "[", System.StringComparison.Ordinal);
}
