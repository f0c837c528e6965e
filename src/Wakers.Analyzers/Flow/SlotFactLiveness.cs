using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Which slot facts a path can still use at a block. A fact about a slot ("slot:this._w0") is read only by a later test
/// of that slot, and a store's registration in a slot is undone only by a later write of null to it. A path that
/// can no longer meet either carries the fact for nothing: a poll that stores a hundred fields would copy a hundred
/// facts into every block. Reachable blocks are bounded below by the least ordinal a block reaches (its loop's top).
/// </summary>
internal sealed class SlotFactLiveness
{
    private readonly int[] _leastReached;
    // Per slot key, the last block that tests it, and the last block that writes it.
    private readonly Dictionary<string, int> _lastTest = new();
    private readonly Dictionary<string, int> _lastWrite = new();

    public SlotFactLiveness(ControlFlowGraph graph, RegistrationEvaluator evaluator, Func<BasicBlock, int[]> catchEntries)
    {
        var blocks = graph.Blocks;
        var successors = new int[blocks.Length][];
        foreach (var b in blocks)
        {
            var next = new List<int>(catchEntries(b));
            BranchTargets.AddTo(next, b);
            successors[b.Ordinal] = next.ToArray();
            foreach (var op in b.Operations)
            {
                foreach (var d in op.DescendantsAndSelf())
                {
                    if (d is IAssignmentOperation a && SlotFact.KeyOf(a.Target, evaluator) is { } written) Later(_lastWrite, written, b.Ordinal);
                }
            }
            if (b.BranchValue is null) continue;
            foreach (var d in b.BranchValue.DescendantsAndSelf())
            {
                if (SlotFact.KeyOf(d, evaluator) is { } tested) Later(_lastTest, tested, b.Ordinal);
                if (d is IAssignmentOperation a && SlotFact.KeyOf(a.Target, evaluator) is { } written) Later(_lastWrite, written, b.Ordinal);
            }
        }
        _leastReached = LeastReached(successors);
    }

    /// <summary>Whether a path at <paramref name="block"/> can still test the slot (a "slot:" key).</summary>
    public bool MayTest(string slot, int block) => _lastTest.TryGetValue(slot, out var last) && last >= _leastReached[block];

    /// <summary>Whether a path at <paramref name="block"/> can still write the slot (and so clear a registration in it).</summary>
    public bool MayWrite(string slot, int block) => _lastWrite.TryGetValue(slot, out var last) && last >= _leastReached[block];

    private static void Later(Dictionary<string, int> last, string slot, int block)
    {
        if (!last.TryGetValue(slot, out var known) || block > known) last[slot] = block;
    }

    // Per block, the least ordinal it reaches: the least over its component and the components it reaches (numbered before it).
    private static int[] LeastReached(int[][] successors)
    {
        var found = StronglyConnected.Find(successors);
        var leastOf = new int[found.Members.Count];
        for (var c = 0; c < leastOf.Length; c++)
        {
            var least = int.MaxValue;
            foreach (var b in found.Members[c])
            {
                least = Math.Min(least, b);
                foreach (var next in successors[b])
                {
                    if (found.Of[next] != c) least = Math.Min(least, leastOf[found.Of[next]]);
                }
            }
            leastOf[c] = least;
        }
        var result = new int[successors.Length];
        for (var b = 0; b < result.Length; b++) result[b] = leastOf[found.Of[b]];
        return result;
    }
}
