using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// How many operations, blocks, edges and reads the type model visits for the code of one syntax tree: tests read it to
/// show that the work grows linearly with a method's size (a count, never a clock). One addition per method analyzed.
/// </summary>
internal static class TypeModelWork
{
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<long>> Counts = new();

    public static void Add(SyntaxTree? tree, long units)
    {
        if (tree is null || units == 0) return;
        var box = Counts.GetValue(tree, _ => new StrongBox<long>());
        Interlocked.Add(ref box.Value, units);
    }

    public static long Of(SyntaxTree tree) => Counts.TryGetValue(tree, out var box) ? Interlocked.Read(ref box.Value) : 0;
}

/// <summary>A running count of visited operations and blocks, passed by reference through one analysis.</summary>
internal struct WorkCount
{
    public long Units;
}
