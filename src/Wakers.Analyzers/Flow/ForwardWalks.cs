using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Depth-first walks of a control-flow graph over its forward edges only (to a higher ordinal), answered from per-block
/// memos. Every cycle has an edge back to a lower ordinal, so without those edges the graph is acyclic in ordinal order:
/// the first answer a walk from a block meets is the block's own, else that of its first successor (in the walk's order)
/// that has one. One backward sweep per question then answers every walk, where a walk per question and start would be
/// quadratic in the method's size.
/// </summary>
internal sealed class ForwardWalks
{
    private readonly ControlFlowGraph _graph;
    private readonly int[][] _successors;
    private readonly GuardSearchWork _work;

    public ForwardWalks(ControlFlowGraph graph, GuardSearchWork work)
    {
        _graph = graph;
        _work = work;
        _successors = new int[graph.Blocks.Length][];
        var order = new List<int>();
        foreach (var b in graph.Blocks)
        {
            order.Clear();
            // Pushed in this order and popped in reverse: a branch's finally regions run before its destination.
            BranchTargets.AddTo(order, b);
            order.Reverse();
            order.RemoveAll(o => o <= b.Ordinal);
            _successors[b.Ordinal] = order.ToArray();
        }
        work.Visits += graph.Blocks.Length;
    }

    /// <summary>
    /// The first answer of <paramref name="own"/> met by a walk from each block from <paramref name="from"/> up to
    /// <paramref name="last"/>, the last block with an answer of its own; null where none is reachable.
    /// </summary>
    public FirstAnswers Sweep(int from, int last, Func<int, long?> own)
    {
        if (last < from) return FirstAnswers.None;
        var values = new long?[last - from + 1];
        for (var b = last; b >= from; b--)
        {
            _work.Visits++;
            var v = own(b);
            if (v is null)
            {
                foreach (var next in _successors[b])
                {
                    _work.Visits++;
                    if (next <= last && values[next - from] is { } found)
                    {
                        v = found;
                        break;
                    }
                }
            }
            values[b - from] = v;
        }
        return new FirstAnswers(from, values);
    }

    /// <summary>
    /// The first answer a walk from <paramref name="start"/> meets without passing through <paramref name="excluded"/>
    /// (the guard the walk leaves). A start after the guard cannot reach it; a start before it (a branch back to a loop's
    /// top) is walked up to the guard, and past it the sweep answers.
    /// </summary>
    public long? First(int start, int excluded, FirstAnswers after, Func<int, long?> own)
    {
        if (start > excluded) return after.At(start);
        long? found = null;
        Walk(start, excluded, b =>
        {
            found = b > excluded ? after.At(b) : own(b);
            // Past the guard the sweep has answered for the whole rest of the walk from b.
            return found is not null ? Step.Stop : b > excluded ? Step.Skip : Step.Descend;
        });
        return found;
    }

    /// <summary>
    /// The blocks a walk from <paramref name="start"/> reaches without passing through <paramref name="excluded"/>, past
    /// the guard only those from which <paramref name="answers"/> has an answer (the rest hold nothing the caller wants).
    /// </summary>
    public HashSet<int> Reach(int start, int excluded, FirstAnswers answers)
    {
        var reached = new HashSet<int>();
        Walk(start, excluded, b =>
        {
            if (b > excluded && answers.At(b) is null) return Step.Skip;
            reached.Add(b);
            return Step.Descend;
        });
        return reached;
    }

    private enum Step
    {
        Descend,
        Skip,
        Stop,
    }

    // Depth first over forward edges, never through excluded, successors in the walk's order.
    private void Walk(int start, int excluded, Func<int, Step> visit)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            _work.Visits++;
            if (b == excluded || !seen.Add(b)) continue;
            var step = visit(b);
            if (step == Step.Stop) return;
            if (step == Step.Skip) continue;
            var successors = _successors[b];
            for (var i = successors.Length - 1; i >= 0; i--) stack.Push(successors[i]);
        }
    }
}

/// <summary>One sweep's answers: per block, the first answer a forward walk from it meets.</summary>
internal sealed class FirstAnswers
{
    private readonly int _from;
    private readonly long?[] _values;

    public FirstAnswers(int from, long?[] values)
    {
        _from = from;
        _values = values;
    }

    public static readonly FirstAnswers None = new(0, Array.Empty<long?>());

    public long? At(int block) => block >= _from && block - _from < _values.Length ? _values[block - _from] : null;
}
