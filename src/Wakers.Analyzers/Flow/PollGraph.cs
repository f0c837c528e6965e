using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>A field or property read by a condition of a poll method that leads to Ready, and where it lies in the graph.</summary>
internal sealed class ConditionRead
{
    public ConditionRead(ISymbol member, ISymbol? instance, SyntaxNode node, int block, int index)
    {
        Member = member;
        Instance = instance;
        Node = node;
        Block = block;
        Index = index;
    }

    public ISymbol Member { get; }

    /// <summary>The held object the member is read on (<c>_task</c> of <c>_task.IsCompleted</c>), when not this.</summary>
    public ISymbol? Instance { get; }

    public SyntaxNode Node { get; }
    public int Block { get; }

    /// <summary>The operation's index in its block (the block's length for its branch value).</summary>
    public int Index { get; }
}

/// <summary>
/// What the type rules keep of a poll method's control-flow graph: each block's successors and the condition reads in
/// source order (a read's label is its index here), so the rules can place reads around stores without the graph.
/// </summary>
internal sealed class PollGraph
{
    public PollGraph(ImmutableArray<BasicBlock> blocks, List<ConditionRead> reads)
    {
        var successors = new int[blocks.Length][];
        var predecessors = new List<int>[blocks.Length];
        for (var b = 0; b < blocks.Length; b++) predecessors[b] = new List<int>(2);
        for (var b = 0; b < blocks.Length; b++)
        {
            var fall = blocks[b].FallThroughSuccessor?.Destination;
            var jump = blocks[b].ConditionalSuccessor?.Destination;
            successors[b] = fall is null ? jump is null ? System.Array.Empty<int>() : new[] { jump.Ordinal }
                : jump is null || jump.Ordinal == fall.Ordinal ? new[] { fall.Ordinal } : new[] { fall.Ordinal, jump.Ordinal };
            foreach (var s in successors[b]) predecessors[s].Add(b);
        }
        Successors = successors;
        Predecessors = new int[blocks.Length][];
        for (var b = 0; b < blocks.Length; b++) Predecessors[b] = predecessors[b].ToArray();
        // Stable: reads at one position keep the order they were found in.
        var indexed = new List<(ConditionRead Read, int Order)>(reads.Count);
        for (var i = 0; i < reads.Count; i++) indexed.Add((reads[i], i));
        indexed.Sort((a, b) => a.Read.Node.SpanStart != b.Read.Node.SpanStart ? a.Read.Node.SpanStart.CompareTo(b.Read.Node.SpanStart) : a.Order.CompareTo(b.Order));
        Reads = new ConditionRead[reads.Count];
        for (var i = 0; i < indexed.Count; i++) Reads[i] = indexed[i].Read;
    }

    public int[][] Successors { get; }
    public int[][] Predecessors { get; }
    public int BlockCount => Successors.Length;

    /// <summary>The condition reads, sorted by source position.</summary>
    public ConditionRead[] Reads { get; }

    /// <summary>The labels of the reads whose node lies in <paramref name="span"/>: a range, as reads are sorted by position (empty when lo &gt; hi).</summary>
    public (int Lo, int Hi) LabelsWithin(Microsoft.CodeAnalysis.Text.TextSpan span)
    {
        var lo = FirstAtOrAfter(span.Start);
        var hi = FirstAtOrAfter(span.End) - 1;
        while (hi >= lo && Reads[hi].Node.Span.End > span.End) hi--;
        return (lo, hi);
    }

    private int FirstAtOrAfter(int position)
    {
        int lo = 0, hi = Reads.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (Reads[mid].Node.SpanStart < position) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
