using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Which tasks are known completed at each block of a graph: a must-analysis (intersection at joins) over the
/// control-flow graph, fed by the branches of <c>IsCompleted</c>, <c>IsCompletedSuccessfully</c>, <c>IsFaulted</c>,
/// <c>IsCanceled</c>, <c>Status == TaskStatus.RanToCompletion</c> and <c>Wait(0)</c>, killed by assignments.
/// Tasks are named by keys: "F:_task", "L:t@12", "P:task", and member paths under them ("F:_tcs.Task").
/// </summary>
internal static class KnownCompletedTasks
{
    private const int MaxPathDepth = 4;

    /// <summary>The known-completed keys on entry to each reachable block; <paramref name="entry"/> holds what the caller knew.</summary>
    public static Dictionary<BasicBlock, HashSet<string>> Analyze(ControlFlowGraph graph, IEnumerable<string>? entry = null)
    {
        var into = new Dictionary<BasicBlock, HashSet<string>>();
        var outOf = new Dictionary<BasicBlock, HashSet<string>>();
        var blocks = graph.Blocks;
        for (var pass = 0; pass < blocks.Length + 2; pass++)
        {
            var changed = false;
            foreach (var block in blocks)
            {
                HashSet<string>? facts = null;
                if (block.Kind == BasicBlockKind.Entry)
                {
                    facts = entry is null ? new HashSet<string>() : new HashSet<string>(entry);
                }
                else
                {
                    foreach (var branch in block.Predecessors)
                    {
                        if (!outOf.TryGetValue(branch.Source, out var before)) continue; // not yet reached: the top of the lattice
                        var along = new HashSet<string>(before);
                        var source = branch.Source;
                        if (source.ConditionKind != ControlFlowConditionKind.None && source.BranchValue is { } condition)
                        {
                            var value = branch.IsConditionalSuccessor == (source.ConditionKind == ControlFlowConditionKind.WhenTrue);
                            AddFacts(condition, value, along, 0);
                        }
                        if (facts is null) facts = along;
                        else facts.IntersectWith(along);
                    }
                    // No analyzed predecessor: a catch or finally entry, or not reached yet; nothing is known there.
                    facts ??= new HashSet<string>();
                    if (block.Predecessors.IsEmpty && block.Kind != BasicBlockKind.Entry && !block.IsReachable) continue;
                }
                if (into.TryGetValue(block, out var old) && old.SetEquals(facts)) continue;
                into[block] = facts;
                var after = new HashSet<string>(facts);
                foreach (var op in block.Operations) Kill(op, after);
                outOf[block] = after;
                changed = true;
            }
            if (!changed) break;
        }
        return into;
    }

    /// <summary>Removes what an operation's assignments invalidate.</summary>
    public static void Kill(IOperation operation, HashSet<string> facts)
    {
        if (facts.Count == 0) return;
        foreach (var op in operation.DescendantsAndSelf())
        {
            if (op is IAssignmentOperation assignment && Key(assignment.Target) is { } key)
            {
                facts.RemoveWhere(k => k == key || k.StartsWith(key + ".", System.StringComparison.Ordinal));
            }
        }
    }

    /// <summary>Whether the task (or awaiter) <paramref name="task"/> is known completed under <paramref name="facts"/>.</summary>
    public static bool IsKnownCompleted(IOperation? task, HashSet<string> facts) =>
        BlockingCalls.IsCompletedByConstruction(task) || (task is not null && Key(task) is { } key && facts.Contains(key));

    /// <summary>A stable name for a task expression: a field of this type, a local, a parameter, or a member path under one.</summary>
    public static string? Key(IOperation operation) => Key(operation, 0);

    private static string? Key(IOperation operation, int depth)
    {
        if (depth > MaxPathDepth) return null;
        var op = FunctionOperations.Strip(operation);
        switch (op)
        {
            case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                return "F:" + field.Field.Name;
            case IFieldReferenceOperation field:
                return Key(field.Instance!, depth + 1) is { } owner ? owner + "." + field.Field.Name : null;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property when property.Instance is null or IInstanceReferenceOperation:
                return "F:" + property.Property.Name;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return Key(property.Instance!, depth + 1) is { } holder ? holder + "." + property.Property.Name : null;
            case ILocalReferenceOperation local:
                return "L:" + local.Local.Name + "@" + (local.Local.Locations.Length > 0 ? local.Local.Locations[0].SourceSpan.Start : 0);
            case IParameterReferenceOperation parameter:
                return "P:" + parameter.Parameter.Name;
            case IInvocationOperation { TargetMethod.Name: "GetAwaiter" or "ConfigureAwait", Instance: { } awaited }:
                return Key(awaited, depth + 1); // an awaiter stands for its task
            default:
                return null;
        }
    }

    // What a condition having the value `value` says about tasks.
    private static void AddFacts(IOperation condition, bool value, HashSet<string> facts, int depth)
    {
        if (depth > MaxPathDepth) return;
        var c = FunctionOperations.Strip(condition);
        switch (c)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                AddFacts(not.Operand, !value, facts, depth + 1);
                break;
            case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled", Instance: { } task }
                when value:
                AddKey(task, facts);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when value:
                AddFacts(both.LeftOperand, true, facts, depth + 1);
                AddFacts(both.RightOperand, true, facts, depth + 1);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !value:
                AddFacts(either.LeftOperand, false, facts, depth + 1);
                AddFacts(either.RightOperand, false, facts, depth + 1);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                var equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                AddComparisonFacts(binary.LeftOperand, binary.RightOperand, equals, value, facts, depth);
                AddComparisonFacts(binary.RightOperand, binary.LeftOperand, equals, value, facts, depth);
                break;
            case IIsPatternOperation pattern when value:
                AddPatternFacts(pattern.Value, pattern.Pattern, facts);
                break;
            case IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } waited } wait when value && wait.Arguments.Length > 0:
                AddKey(waited, facts); // Wait(timeout) returned true: the task completed
                break;
        }
    }

    private static void AddComparisonFacts(IOperation subject, IOperation other, bool equals, bool value, HashSet<string> facts, int depth)
    {
        var o = FunctionOperations.Strip(other);
        if (o.ConstantValue is { HasValue: true, Value: bool b })
        {
            AddFacts(subject, equals == value ? b : !b, facts, depth + 1);
            return;
        }
        if (equals == value && IsCompletedStatus(o) && FunctionOperations.Strip(subject) is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } task })
        {
            AddKey(task, facts);
        }
    }

    private static void AddPatternFacts(IOperation subject, IPatternOperation pattern, HashSet<string> facts)
    {
        switch (pattern)
        {
            case IConstantPatternOperation constant
                when IsCompletedStatus(FunctionOperations.Strip(constant.Value))
                     && FunctionOperations.Strip(subject) is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } task }:
                AddKey(task, facts);
                break;
            case IRecursivePatternOperation recursive:
                foreach (var sub in recursive.PropertySubpatterns)
                {
                    if (sub.Member is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" }
                        && sub.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: true } })
                    {
                        AddKey(subject, facts);
                    }
                }
                break;
        }
    }

    private static bool IsCompletedStatus(IOperation value) =>
        value is IFieldReferenceOperation { Field: { ContainingType.Name: "TaskStatus", Name: "RanToCompletion" or "Faulted" or "Canceled" } };

    private static void AddKey(IOperation task, HashSet<string> facts)
    {
        if (Key(task) is { } key) facts.Add(key);
    }
}
