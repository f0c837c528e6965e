using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>How the guard search reads conditions and writes: which slots and flags a condition tests, which constants a block writes to flags, and what a condition yields in the "later poll" scenario.</summary>
internal static class GuardConditions
{
    /// <summary>Per block, the constant writes of flags (a field set to a constant, by assignment or Interlocked/Volatile).</summary>
    public static Dictionary<int, List<(string Slot, long Value)>> FlagWrites(ControlFlowGraph graph, RegistrationEvaluator evaluator)
    {
        var byBlock = new Dictionary<int, List<(string Slot, long Value)>>();
        foreach (var b in graph.Blocks)
        {
            var flags = new List<(string, long)>();
            foreach (var op in b.Operations) CollectFlagWrites(op, evaluator, flags);
            if (b.BranchValue is { } bv) CollectFlagWrites(bv, evaluator, flags);
            if (flags.Count == 0) continue;
            byBlock[b.Ordinal] = flags;
        }
        return byBlock;
    }

    private static void CollectFlagWrites(IOperation root, RegistrationEvaluator evaluator, List<(string, long)> flags)
    {
        foreach (var op in root.DescendantsAndSelf())
        {
            switch (op)
            {
                case ISimpleAssignmentOperation a when Constant(a.Value) is { } c && StoreSlots.Key(a.Target, evaluator) is { } slot && !slot.StartsWith("local:", StringComparison.Ordinal):
                    flags.Add((slot, c));
                    break;
                case IInvocationOperation { TargetMethod.Name: "Exchange" or "Write" or "CompareExchange" } inv when inv.Arguments.Length >= 2
                    && inv.Arguments[0].Parameter?.RefKind == RefKind.Ref && Constant(inv.Arguments[1].Value) is { } v
                    && StoreSlots.Key(inv.Arguments[0].Value, evaluator) is { } target:
                    flags.Add((target, v));
                    break;
            }
        }
    }

    /// <summary>The slots and flags a branch condition tests.</summary>
    public static List<(GuardTest Test, string Slot)> Atoms(IOperation condition, RegistrationEvaluator evaluator)
    {
        var atoms = new List<(GuardTest, string)>();
        CollectAtoms(condition, evaluator, atoms, 0);
        return atoms;
    }

    private static void CollectAtoms(IOperation? op, RegistrationEvaluator evaluator, List<(GuardTest, string)> atoms, int depth)
    {
        if (op is null || depth > 8) return;
        switch (op)
        {
            case IConversionOperation c:
                CollectAtoms(c.Operand, evaluator, atoms, depth + 1);
                return;
            case IParenthesizedOperation p:
                CollectAtoms(p.Operand, evaluator, atoms, depth + 1);
                return;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                CollectAtoms(not.Operand, evaluator, atoms, depth + 1);
                return;
            case IFlowCaptureReferenceOperation r when evaluator.CaptureSource(r) is { } source:
                CollectAtoms(source, evaluator, atoms, depth + 1);
                return;
            case IIsNullOperation isNull:
                AddSlot(atoms, GuardTest.Empty, isNull.Operand, evaluator);
                return;
            case IIsPatternOperation isp:
                if (isp.Value.Type?.SpecialType == SpecialType.System_Boolean) AddSlot(atoms, GuardTest.Flag, isp.Value, evaluator);
                else AddSlot(atoms, GuardTest.Empty, isp.Value, evaluator);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } b:
                if (IsNullLiteral(b.RightOperand)) AddSlot(atoms, GuardTest.Empty, b.LeftOperand, evaluator);
                else if (IsNullLiteral(b.LeftOperand)) AddSlot(atoms, GuardTest.Empty, b.RightOperand, evaluator);
                else if (Constant(b.RightOperand) is not null) CollectAtoms(b.LeftOperand, evaluator, atoms, depth + 1);
                else if (Constant(b.LeftOperand) is not null) CollectAtoms(b.RightOperand, evaluator, atoms, depth + 1);
                else if (IsNewWaker(b.RightOperand)) AddSlot(atoms, GuardTest.Compare, b.LeftOperand, evaluator);
                else if (IsNewWaker(b.LeftOperand)) AddSlot(atoms, GuardTest.Compare, b.RightOperand, evaluator);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                CollectAtoms(logical.LeftOperand, evaluator, atoms, depth + 1);
                CollectAtoms(logical.RightOperand, evaluator, atoms, depth + 1);
                return;
            case IInvocationOperation inv:
                switch (inv.TargetMethod.Name)
                {
                    case "WillWake" or "Equals" or "Contains" or "ContainsKey":
                        AddSlot(atoms, GuardTest.Compare, inv.Instance, evaluator);
                        foreach (var a in inv.Arguments) AddSlot(atoms, GuardTest.Compare, a.Value, evaluator);
                        return;
                    case "ReferenceEquals":
                        foreach (var a in inv.Arguments) AddSlot(atoms, GuardTest.Compare, a.Value, evaluator);
                        return;
                    case "Read" or "CompareExchange" when inv.Arguments.Length >= 1 && inv.Arguments[0].Parameter?.RefKind == RefKind.Ref:
                        AddSlot(atoms, GuardTest.Flag, inv.Arguments[0].Value, evaluator);
                        return;
                }
                return;
            case IFieldReferenceOperation or IPropertyReferenceOperation when IsFlagType(op.Type):
                AddSlot(atoms, GuardTest.Flag, op, evaluator);
                return;
        }
    }

    private static void AddSlot(List<(GuardTest, string)> atoms, GuardTest test, IOperation? op, RegistrationEvaluator evaluator)
    {
        if (IsNewWaker(op)) return;
        if (StoreSlots.Key(op, evaluator) is { } slot && !slot.StartsWith("param:", StringComparison.Ordinal)) atoms.Add((test, slot));
    }

    // cx.Waker (or a copy of it) on one side of a comparison: the waker of this poll.
    private static bool IsNewWaker(IOperation? op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        return op is IPropertyReferenceOperation { Property.Name: "Waker", Instance: IParameterReferenceOperation };
    }

    private static bool IsFlagType(ITypeSymbol? type) =>
        type is not null && (type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64 || type.TypeKind == TypeKind.Enum);

    private static bool IsNullLiteral(IOperation op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        return op.ConstantValue is { HasValue: true, Value: null };
    }

    private static long? Constant(IOperation? op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        if (op?.ConstantValue is not { HasValue: true, Value: { } v }) return null;
        return v switch
        {
            bool b => b ? 1 : 0,
            int i => i,
            long l => l,
            byte by => by,
            short sh => sh,
            uint ui => ui,
            _ => null,
        };
    }

    /// <summary>A guard's condition in the "later poll" scenario: 1 = true, 0 = false, null = unknown; for flag reads, the flag's value.</summary>
    public static long? Scenario(IOperation? op, RegistrationGuard guard, RegistrationEvaluator evaluator, int depth)
    {
        if (op is null || depth > 8) return null;
        switch (op)
        {
            case IConversionOperation c:
                return Scenario(c.Operand, guard, evaluator, depth + 1);
            case IParenthesizedOperation p:
                return Scenario(p.Operand, guard, evaluator, depth + 1);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Scenario(not.Operand, guard, evaluator, depth + 1) is { } v ? (v == 0 ? 1 : 0) : null;
            case IFlowCaptureReferenceOperation r when evaluator.CaptureSource(r) is { } source:
                return Scenario(source, guard, evaluator, depth + 1);
            case IIsNullOperation isNull:
                return IsEmptySlot(isNull.Operand, guard, evaluator) ? 0 : null;
            case IIsPatternOperation isp:
                if (Scenario(isp.Value, guard, evaluator, depth + 1) is { } flag && isp.Pattern is IConstantPatternOperation { Value: var pv } && Constant(pv) is { } pc)
                {
                    return flag == pc ? 1 : 0;
                }
                if (!IsEmptySlot(isp.Value, guard, evaluator)) return null;
                return isp.Pattern switch
                {
                    IConstantPatternOperation cp when IsNullLiteral(cp.Value) => 0,
                    INegatedPatternOperation { Pattern: IConstantPatternOperation ncp } when IsNullLiteral(ncp.Value) => 1,
                    IRecursivePatternOperation or ITypePatternOperation or IDeclarationPatternOperation => 1,
                    _ => null,
                };
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } b:
            {
                var eq = b.OperatorKind == BinaryOperatorKind.Equals;
                long? result = null;
                if (IsNullLiteral(b.RightOperand) && IsEmptySlot(b.LeftOperand, guard, evaluator)) result = 0;
                else if (IsNullLiteral(b.LeftOperand) && IsEmptySlot(b.RightOperand, guard, evaluator)) result = 0;
                else if (Constant(b.RightOperand) is { } rc && Scenario(b.LeftOperand, guard, evaluator, depth + 1) is { } lv) result = lv == rc ? 1 : 0;
                else if (Constant(b.LeftOperand) is { } lc && Scenario(b.RightOperand, guard, evaluator, depth + 1) is { } rv) result = rv == lc ? 1 : 0;
                else if (IsNewWaker(b.LeftOperand) || IsNewWaker(b.RightOperand)) result = 0;
                return result is { } r ? (eq ? r : 1 - r) : null;
            }
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and:
            {
                var l = Scenario(and.LeftOperand, guard, evaluator, depth + 1);
                var r = Scenario(and.RightOperand, guard, evaluator, depth + 1);
                return l == 0 || r == 0 ? 0 : l == 1 && r == 1 ? 1 : null;
            }
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or:
            {
                var l = Scenario(or.LeftOperand, guard, evaluator, depth + 1);
                var r = Scenario(or.RightOperand, guard, evaluator, depth + 1);
                return l == 1 || r == 1 ? 1 : l == 0 && r == 0 ? 0 : null;
            }
            case IInvocationOperation inv:
                switch (inv.TargetMethod.Name)
                {
                    case "WillWake" or "Equals" or "ReferenceEquals" or "Contains" or "ContainsKey":
                        return 0; // the stored waker belongs to another task
                    case "Read" or "CompareExchange" when inv.Arguments.Length >= 1 && inv.Arguments[0].Parameter?.RefKind == RefKind.Ref:
                        return FlagValue(inv.Arguments[0].Value, guard, evaluator);
                }
                return null;
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                return FlagValue(op, guard, evaluator);
            default:
                return op.ConstantValue is { HasValue: true, Value: bool cb } ? (cb ? 1 : 0) : null;
        }
    }

    private static long? FlagValue(IOperation op, RegistrationGuard guard, RegistrationEvaluator evaluator) =>
        StoreSlots.Key(op, evaluator) is { } slot && guard.FlagValues.TryGetValue(slot, out var v) ? v : null;

    private static bool IsEmptySlot(IOperation op, RegistrationGuard guard, RegistrationEvaluator evaluator) =>
        StoreSlots.Key(op, evaluator) is { } slot && guard.EmptySlots.Contains(slot);
}
