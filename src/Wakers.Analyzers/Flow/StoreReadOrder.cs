using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Where one poll's readiness reads lie around each of its stores (the questions of WAKE004 and WAKE009), answered for
/// all stores from a few traversals of the graph, never a walk per store: a read's label is its place in source order,
/// each block learns the least and greatest label of the reads that reach it, and the reads a store's locks hold form
/// one range of labels. Work: linear in blocks, edges and reads (one extra traversal per object a store registers on
/// whose own state is read first, and per lock span holding stores, restricted to the blocks that can reach its reads).
/// </summary>
internal sealed class StoreReadOrder
{
    private readonly PollGraph _graph;
    private readonly ConditionRead[] _reads;
    private readonly bool[] _readiness;
    private readonly int[] _readinessBefore;
    private readonly HashSet<ISymbol> _readinessKeys = new(SymbolEqualityComparer.Default);
    private readonly List<int>[] _readsInBlock;
    private readonly int[] _lastReadinessIndex;
    private readonly Dictionary<ISymbol, Reaching> _excluding = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(int, int), HeldGroup> _groups = new();
    private Reaching? _all;
    private bool[]? _reachesReadiness;
    private Components? _components;
    private long _work;

    public StoreReadOrder(PollGraph graph, Func<ISymbol, bool> isReadiness, Func<System.Threading.CancellationToken>? cancellation = null)
    {
        _cancellation = cancellation;
        _graph = graph;
        _reads = graph.Reads;
        _readiness = new bool[_reads.Length];
        _readinessBefore = new int[_reads.Length + 1];
        _readsInBlock = new List<int>[graph.BlockCount];
        _lastReadinessIndex = new int[graph.BlockCount];
        for (var b = 0; b < _lastReadinessIndex.Length; b++) _lastReadinessIndex[b] = -1;
        var known = new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        for (var k = 0; k < _reads.Length; k++)
        {
            var r = _reads[k];
            if (!known.TryGetValue(r.Member, out var ready)) known[r.Member] = ready = isReadiness(r.Member);
            _readiness[k] = ready;
            _readinessBefore[k + 1] = _readinessBefore[k] + (ready ? 1 : 0);
            (_readsInBlock[r.Block] ??= new List<int>()).Add(k);
            if (!ready) continue;
            _lastReadinessIndex[r.Block] = Math.Max(_lastReadinessIndex[r.Block], r.Index);
            _readinessKeys.Add(r.Member);
            if (r.Instance is not null) _readinessKeys.Add(r.Instance);
        }
        _work = _reads.Length;
    }

    /// <summary>The operations, blocks and edges visited so far.</summary>
    public long Work => _work;

    // The token of whoever asks now (the rules take turns on a model): a huge poll's traversals stop soon after it is cancelled.
    private readonly Func<System.Threading.CancellationToken>? _cancellation;

    // One unit of work; every 1,024 the asker's token is checked (each lazily built part is kept only once complete).
    private void Step()
    {
        if ((++_work & 1023) == 0 && _cancellation is not null) _cancellation().ThrowIfCancellationRequested();
    }

    /// <summary>
    /// The first readiness read (in source order) that comes before the store on some path, is not held under a lock
    /// together with the store, and is not state of the very object the waker is registered on; null when none. When
    /// only reads after the store's lock span (a loop's back edge) qualify, the last of them.
    /// </summary>
    public ConditionRead? UnheldReadBefore(WakerStore store)
    {
        if (store.Block < 0) return null;
        var on = store.RegisteredOn is { } registered && _readinessKeys.Contains(registered) ? registered : null;
        var reaching = on is null ? _all ??= new Reaching(this, null) : Excluding(on);
        var (min, max) = reaching.Before(store.Block, store.Index);
        if (min < 0) return null;
        if (store.Held is not { } held) return _reads[min];
        var (lo, hi) = _graph.LabelsWithin(held);
        if (min < lo || min > hi) return _reads[min];
        return max > hi ? _reads[max] : null;
    }

    /// <summary>Whether a readiness read comes after the store on some path.</summary>
    public bool AnyReadAfter(WakerStore store)
    {
        if (store.Block < 0) return false;
        var reaches = _reachesReadiness ??= ReachesReadiness();
        if (_lastReadinessIndex[store.Block] > store.Index) return true;
        foreach (var s in _graph.Successors[store.Block])
        {
            if (reaches[s]) return true;
        }
        return false;
    }

    /// <summary>Whether a readiness read that a lock holds together with the store comes after it, and not also before it (a loop's next round).</summary>
    public bool HeldReadOnlyAfter(WakerStore store)
    {
        if (store.Block < 0 || store.Held is not { } held) return false;
        var (lo, hi) = _graph.LabelsWithin(held);
        if (lo > hi || _readinessBefore[hi + 1] - _readinessBefore[lo] == 0) return false;
        var components = _components ??= new Components(this);
        if (!_groups.TryGetValue((lo, hi), out var group)) _groups[(lo, hi)] = group = new HeldGroup(this, components, lo, hi);
        return group.OnlyAfter(store.Block, store.Index);
    }

    private Reaching Excluding(ISymbol on)
    {
        if (!_excluding.TryGetValue(on, out var reaching)) _excluding[on] = reaching = new Reaching(this, on);
        return reaching;
    }

    // Blocks from which a readiness read is reachable (their own reads included): one traversal backwards.
    private bool[] ReachesReadiness()
    {
        var seen = new bool[_graph.BlockCount];
        var stack = new Stack<int>();
        for (var k = 0; k < _reads.Length; k++)
        {
            if (_readiness[k]) stack.Push(_reads[k].Block);
        }
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            Step();
            if (seen[n]) continue;
            seen[n] = true;
            foreach (var p in _graph.Predecessors[n]) stack.Push(p);
        }
        return seen;
    }

    /// <summary>
    /// Per block, the least and greatest label of the candidate reads (readiness reads not of the excluded object) that
    /// reach it through one edge or more. Sources go in label order and a block takes the first label to reach it: whatever
    /// a later source reaches through an already labeled block, the earlier one reached too. Each block is entered once per order.
    /// </summary>
    private sealed class Reaching
    {
        private readonly StoreReadOrder _order;
        private readonly ISymbol? _excluded;
        private readonly int[] _min;
        private readonly int[] _max;
        private readonly Dictionary<int, (int[] Index, int[] Min, int[] Max)> _inBlock = new();

        public Reaching(StoreReadOrder order, ISymbol? excluded)
        {
            _order = order;
            _excluded = excluded;
            _min = Label(ascending: true);
            _max = Label(ascending: false);
        }

        /// <summary>The least and greatest candidate label reaching operation <paramref name="index"/> of block <paramref name="block"/> (-1 when none).</summary>
        public (int Min, int Max) Before(int block, int index)
        {
            var min = _min[block];
            var max = _max[block];
            var (indices, prefixMin, prefixMax) = InBlock(block);
            // The reads earlier in the same block: the last one with a smaller index carries the prefix.
            int lo = 0, hi = indices.Length;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (indices[mid] < index) lo = mid + 1;
                else hi = mid;
            }
            if (lo > 0)
            {
                if (min < 0 || prefixMin[lo - 1] < min) min = prefixMin[lo - 1];
                if (prefixMax[lo - 1] > max) max = prefixMax[lo - 1];
            }
            return (min, max);
        }

        private bool IsCandidate(int k)
        {
            if (!_order._readiness[k]) return false;
            if (_excluded is null) return true;
            var r = _order._reads[k];
            return !SymbolEqualityComparer.Default.Equals(r.Member, _excluded) && !SymbolEqualityComparer.Default.Equals(r.Instance, _excluded);
        }

        private int[] Label(bool ascending)
        {
            var graph = _order._graph;
            var reads = _order._reads;
            var label = new int[graph.BlockCount];
            for (var b = 0; b < label.Length; b++) label[b] = -1;
            var stack = new Stack<int>();
            for (var i = 0; i < reads.Length; i++)
            {
                var k = ascending ? i : reads.Length - 1 - i;
                if (!IsCandidate(k)) continue;
                stack.Push(reads[k].Block);
                while (stack.Count > 0)
                {
                    var n = stack.Pop();
                    _order.Step();
                    foreach (var s in graph.Successors[n])
                    {
                        if (label[s] >= 0) continue;
                        label[s] = k;
                        stack.Push(s);
                    }
                }
            }
            return label;
        }

        private (int[] Index, int[] Min, int[] Max) InBlock(int block)
        {
            if (_inBlock.TryGetValue(block, out var known)) return known;
            var own = new List<int>();
            if (_order._readsInBlock[block] is { } all)
            {
                foreach (var k in all)
                {
                    if (IsCandidate(k)) own.Add(k);
                }
            }
            var reads = _order._reads;
            own.Sort((a, b) => reads[a].Index != reads[b].Index ? reads[a].Index.CompareTo(reads[b].Index) : a.CompareTo(b));
            var index = new int[own.Count];
            var min = new int[own.Count];
            var max = new int[own.Count];
            for (var i = 0; i < own.Count; i++)
            {
                _order.Step();
                index[i] = reads[own[i]].Index;
                min[i] = i == 0 ? own[i] : Math.Min(min[i - 1], own[i]);
                max[i] = i == 0 ? own[i] : Math.Max(max[i - 1], own[i]);
            }
            return _inBlock[block] = (index, min, max);
        }
    }

    /// <summary>
    /// The strongly connected components of the graph (Tarjan, iteratively), numbered so that every edge between two
    /// components goes to a smaller number, with the least and greatest readiness label reachable from each.
    /// </summary>
    private sealed class Components
    {
        public Components(StoreReadOrder order)
        {
            var graph = order._graph;
            var found = StronglyConnected.Find(graph.Successors);
            order._work += found.Steps;
            Of = found.Of;
            var members = found.Members;
            var count = members.Count;
            Count = count;
            Successors = new int[count][];
            Cyclic = new bool[count];
            MinReachable = new int[count];
            MaxReachable = new int[count];
            Reads = new List<int>?[count];
            for (var k = 0; k < order._reads.Length; k++)
            {
                if (order._readiness[k]) (Reads[Of[order._reads[k].Block]] ??= new List<int>()).Add(k);
            }
            // Tarjan completes a component after every component it reaches: in numbering order, successors come first.
            for (var c = 0; c < count; c++)
            {
                var next = new HashSet<int>();
                var min = int.MaxValue;
                var max = -1;
                foreach (var b in members[c])
                {
                    foreach (var s in graph.Successors[b])
                    {
                        order.Step();
                        if (Of[s] == c) Cyclic[c] = true;
                        else next.Add(Of[s]);
                    }
                }
                if (Reads[c] is { } own)
                {
                    foreach (var k in own) { min = Math.Min(min, k); max = Math.Max(max, k); }
                }
                foreach (var d in next)
                {
                    if (MinReachable[d] >= 0 && MinReachable[d] < min) min = MinReachable[d];
                    if (MaxReachable[d] > max) max = MaxReachable[d];
                }
                MinReachable[c] = min == int.MaxValue ? -1 : min;
                MaxReachable[c] = max;
                Successors[c] = new int[next.Count];
                next.CopyTo(Successors[c]);
            }
        }

        public int Count { get; }

        /// <summary>The component of each block.</summary>
        public int[] Of { get; }

        public int[][] Successors { get; }

        /// <summary>Whether a path leads from the component back into itself (more than one block, or a block's edge to itself).</summary>
        public bool[] Cyclic { get; }

        public int[] MinReachable { get; }
        public int[] MaxReachable { get; }

        /// <summary>The readiness labels in each component.</summary>
        public List<int>?[] Reads { get; }
    }

    /// <summary>
    /// For the stores one lock span holds: whether a readiness read in that span follows a store without also preceding
    /// it. Reads that follow and precede are in the store's own component, so only later components count; components
    /// that reach no label of the span are never entered.
    /// </summary>
    private sealed class HeldGroup
    {
        private readonly StoreReadOrder _order;
        private readonly Components _components;
        private readonly int _lo;
        private readonly int _hi;
        private readonly Dictionary<int, bool> _laterHasRead = new();
        private readonly Dictionary<int, bool> _hasRead = new();
        private readonly Dictionary<int, int> _lastIndexInBlock = new();

        public HeldGroup(StoreReadOrder order, Components components, int lo, int hi)
        {
            _order = order;
            _components = components;
            _lo = lo;
            _hi = hi;
        }

        public bool OnlyAfter(int block, int index)
        {
            var c = _components.Of[block];
            if (!_components.Cyclic[c] && LastIndexInBlock(block) > index) return true;
            return LaterHasRead(c);
        }

        private bool InSpan(int k) => k >= _lo && k <= _hi;

        private bool Touches(int c) => _components.MinReachable[c] >= 0 && _components.MinReachable[c] <= _hi && _components.MaxReachable[c] >= _lo;

        private bool HasRead(int c)
        {
            if (_hasRead.TryGetValue(c, out var known)) return known;
            var found = false;
            if (_components.Reads[c] is { } own)
            {
                foreach (var k in own)
                {
                    _order.Step();
                    if (InSpan(k)) { found = true; break; }
                }
            }
            return _hasRead[c] = found;
        }

        private int LastIndexInBlock(int block)
        {
            if (_lastIndexInBlock.TryGetValue(block, out var last)) return last;
            last = -1;
            if (_order._readsInBlock[block] is { } own)
            {
                foreach (var k in own)
                {
                    _order.Step();
                    if (_order._readiness[k] && InSpan(k)) last = Math.Max(last, _order._reads[k].Index);
                }
            }
            return _lastIndexInBlock[block] = last;
        }

        // Whether a component after `start` (not `start` itself) holds a read of the span: one post-order walk, remembered.
        private bool LaterHasRead(int start)
        {
            if (_laterHasRead.TryGetValue(start, out var known)) return known;
            var stack = new Stack<(int Component, int Next, bool Found)>();
            stack.Push((start, 0, false));
            var result = false;
            while (stack.Count > 0)
            {
                var (c, next, found) = stack.Pop();
                _order.Step();
                var successors = _components.Successors[c];
                while (!found && next < successors.Length)
                {
                    var d = successors[next++];
                    if (!Touches(d)) continue;
                    if (HasRead(d)) { found = true; break; }
                    if (_laterHasRead.TryGetValue(d, out var later))
                    {
                        found = later;
                        continue;
                    }
                    // Walk into d first; come back to c afterwards.
                    stack.Push((c, next, found));
                    stack.Push((d, 0, false));
                    goto nextFrame;
                }
                _laterHasRead[c] = found;
                result = found;
                if (stack.Count > 0)
                {
                    var (parent, parentNext, parentFound) = stack.Pop();
                    stack.Push((parent, parentNext, parentFound || found));
                }
            nextFrame:;
            }
            return result;
        }
    }
}
