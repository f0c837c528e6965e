using System.Runtime.CompilerServices;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// How much the WAKE001/WAKE002 dataflow did for the poll methods of one syntax tree: per block it processed, one unit,
/// one per operation and one per fact the path state carried in (which a block copies), plus the guard search's visits, and the same for each helper judged for a store-once guard of its own. Tests read it to show that
/// the work grows linearly with a method's size (a count, never a clock). One addition per poll method analyzed.
/// </summary>
internal static class RegistrationWork
{
    private static readonly ConditionalWeakTable<SyntaxTree, StrongBox<long>> Counts = new();

    public static void Add(SyntaxTree tree, long units)
    {
        if (units == 0) return;
        Interlocked.Add(ref Counts.GetValue(tree, _ => new StrongBox<long>()).Value, units);
    }

    public static long Of(SyntaxTree tree) => Counts.TryGetValue(tree, out var box) ? Interlocked.Read(ref box.Value) : 0;
}
