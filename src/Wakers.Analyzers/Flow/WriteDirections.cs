using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>Which way a write can only move a number or a bit set (a decrement, <c>Interlocked.And</c> with a mask).</summary>
internal enum WriteDirection
{
    Unknown,
    Up,
    Down,
    BitsOn,
    BitsOff,
}

/// <summary>The direction of the write shapes that move state one way only, and whether a readiness test can be reached that way.</summary>
internal static class WriteDirections
{
    public static WriteDirection OfStep(IIncrementOrDecrementOperation step) =>
        step.Kind == OperationKind.Increment ? WriteDirection.Up : WriteDirection.Down;

    /// <summary><c>_n += 1</c>, <c>_n -= 2</c>, <c>_flags |= Bit</c>, <c>_flags &amp;= ~Bit</c>.</summary>
    public static WriteDirection OfCompound(ICompoundAssignmentOperation compound) => Of(compound.OperatorKind switch
    {
        BinaryOperatorKind.Add => "Add",
        BinaryOperatorKind.Subtract => "Subtract",
        BinaryOperatorKind.Or => "Or",
        BinaryOperatorKind.And => "And",
        _ => "",
    }, compound.Value);

    /// <summary><c>Interlocked.Increment/Decrement/Add/Or/And</c>.</summary>
    public static WriteDirection OfInterlocked(string name, IOperation? operand) => name switch
    {
        "Increment" => WriteDirection.Up,
        "Decrement" => WriteDirection.Down,
        _ => operand is null ? WriteDirection.Unknown : Of(name, operand),
    };

    private static WriteDirection Of(string name, IOperation operand)
    {
        if (name is "Or" or "And") return name == "Or" ? WriteDirection.BitsOn : WriteDirection.BitsOff;
        if (name is not ("Add" or "Subtract") || ReadinessReads.NumberOf(operand) is not { } k || k == 0) return WriteDirection.Unknown;
        return (k > 0) == (name == "Add") ? WriteDirection.Up : WriteDirection.Down;
    }

    /// <summary>
    /// Whether a move in <paramref name="direction"/> can enter the ready side of a test <c>member op k</c>: only when the
    /// ready side is not closed under that move (<c>&gt; 0</c> is closed under increments, so a decrement never enters it).
    /// </summary>
    public static bool CanEnter(WriteDirection direction, BinaryOperatorKind op, bool readyWhenTrue)
    {
        var readyAbove = op switch
        {
            BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual => (bool?)readyWhenTrue,
            BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual => !readyWhenTrue,
            _ => null,
        };
        return direction switch
        {
            WriteDirection.Down => readyAbove != true,
            WriteDirection.Up => readyAbove != false,
            _ => true,
        };
    }

    /// <summary>Whether a bit move can enter the ready side of a bit test whose ready side is "some tested bit set" (or its opposite).</summary>
    public static bool CanEnterBits(WriteDirection direction, bool readyWhenSet) => direction switch
    {
        WriteDirection.BitsOff => !readyWhenSet,
        WriteDirection.BitsOn => readyWhenSet,
        _ => true,
    };
}
