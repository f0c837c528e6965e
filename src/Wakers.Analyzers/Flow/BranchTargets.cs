using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>Where control goes from a block: each branch's destination, then the finally regions it runs on the way.</summary>
internal static class BranchTargets
{
    /// <summary>Adds <paramref name="block"/>'s targets to <paramref name="into"/>, the conditional branch's first.</summary>
    public static void AddTo(List<int> into, BasicBlock block)
    {
        foreach (var branch in new[] { block.ConditionalSuccessor, block.FallThroughSuccessor })
        {
            if (branch is null) continue;
            if (branch.Destination is { } d) into.Add(d.Ordinal);
            foreach (var f in branch.FinallyRegions) into.Add(f.FirstBlockOrdinal);
        }
    }
}
