using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>A place a poll method writes the waker (an assignment, an Add, AtomicWaker.Register, a storing helper).</summary>
internal sealed class StoreSite
{
    public StoreSite(IOperation operation, int block, ImmutableArray<string> slots)
    {
        Operation = operation;
        Block = block;
        Slots = slots;
    }

    public IOperation Operation { get; }
    public int Block { get; }

    /// <summary>The slots written or touched ("this._w", "this._list"), for matching the guard that tests them.</summary>
    public ImmutableArray<string> Slots { get; }
}

/// <summary>One return of a poll method, with what reached it.</summary>
internal sealed class ReturnRecord
{
    public ReturnRecord(int block, SyntaxNode reportAt)
    {
        Block = block;
        ReportAt = reportAt;
    }

    public int Block { get; }
    public SyntaxNode ReportAt { get; }

    /// <summary>Some path returns a Pending value with no registration.</summary>
    public bool PendingUnregistered { get; set; }

    /// <summary>Every value reaching it is a Pending constant.</summary>
    public bool OnlyPending { get; set; } = true;
}

/// <summary>What one run of the dataflow found.</summary>
internal sealed class DataflowResult
{
    public bool Completed { get; set; }
    public Dictionary<int, ReturnRecord> Returns { get; } = new();
    public Dictionary<IOperation, StoreSite> Stores { get; } = new();
    public HashSet<IOperation> Registrations { get; } = new();

    /// <summary>Some path reaches the end of the method with no registration (for void helpers).</summary>
    public bool ExitUnregistered { get; set; }
}

/// <summary>
/// The forward dataflow of WAKE001/WAKE002 over one poll method's control-flow graph: a worklist over blocks,
/// sets of path states joined at merges (bounded), branch refinement, finally regions run on the way out, catch
/// regions entered from every point of their try.
/// </summary>
internal sealed class LostWakeupDataflow
{
    private readonly PollMethod _poll;
    private readonly ControlFlowGraph _graph;
    private readonly WakersSymbols _symbols;
    private readonly RegistrationEvaluator _evaluator;
    private readonly Dictionary<int, int[]> _catchEntries = new();
    private RegistrationGuards? _guards;
    private SlotFactLiveness? _liveness;
    private bool _scenario;
    private DataflowResult _result = new();
    private RegistrationStateSet?[] _in = System.Array.Empty<RegistrationStateSet?>();
    private SortedSet<int> _work = new();

    public LostWakeupDataflow(PollMethod poll, RegistrationSummaries summaries, System.Threading.CancellationToken cancellation = default)
    {
        _cancellation = cancellation;
        _poll = poll;
        _graph = poll.Graph;
        _symbols = summaries.Symbols;
        _evaluator = new RegistrationEvaluator(poll, summaries);
        _evaluator.OnRegistration = OnRegistration;
        _flowMain = FlowMain;
    }

    private readonly EdgeSink _flowMain;
    // The IDE cancels an analysis on every keystroke: a huge poll method must not hold a thread for seconds after it.
    private readonly System.Threading.CancellationToken _cancellation;

    public RegistrationEvaluator Evaluator => _evaluator;

    /// <summary>
    /// Runs the analysis. With <paramref name="guards"/> and not <paramref name="scenario"/>, a guarded store counts on both
    /// branches of its guard; in the scenario run ("a later poll: the slot is filled, the flag set, another task's waker"),
    /// the guards' conditions take that scenario's outcome and give no credit.
    /// </summary>
    public DataflowResult Run(RegistrationGuards? guards, bool scenario)
    {
        _guards = guards;
        _scenario = scenario;
        _evaluator.LaterPoll = scenario;
        _result = new DataflowResult();
        _finallyRuns.Clear();
        var blocks = _graph.Blocks;
        _in = new RegistrationStateSet?[blocks.Length];
        _work = new SortedSet<int>();
        Join(0, RegistrationState.Initial);
        var budget = 200 + blocks.Length * 60;
        while (_work.Count > 0)
        {
            if (--budget < 0) return _result; // not Completed: too many paths; report nothing rather than guess
            if ((budget & 63) == 0) _cancellation.ThrowIfCancellationRequested();
            var ordinal = _work.Min;
            _work.Remove(ordinal);
            foreach (var state in _in[ordinal]!.TakeUnprocessed()) ProcessBlock(blocks[ordinal], state, _flowMain);
        }
        _result.Completed = true;
        var exit = _in[blocks.Length - 1];
        _result.ExitUnregistered = exit is not null && exit.States.Any(st => st.IsSurelyUnregistered);
        return _result;
    }

    private void OnRegistration(IOperation op, bool store)
    {
        _result.Registrations.Add(op);
        if (store && !_result.Stores.ContainsKey(op)) _result.Stores[op] = new StoreSite(op, _currentBlock, StoreSlots.Of(op, _evaluator));
    }

    private int _currentBlock;

    private delegate void EdgeSink(BasicBlock from, ControlFlowBranch branch, RegistrationState state);

    /// <summary>The blocks, operations and carried facts processed by every run so far (<see cref="RegistrationWork"/>).</summary>
    public long Work { get; private set; }

    private void ProcessBlock(BasicBlock block, RegistrationState state, EdgeSink sink)
    {
        Work += 1 + block.Operations.Length + state.Size;
        _currentBlock = block.Ordinal;
        var s = state;
        var catches = CatchEntries(block);
        foreach (var op in block.Operations)
        {
            foreach (var c in catches) Join(c, s);
            _evaluator.Evaluate(op, ref s);
            _currentBlock = block.Ordinal;
        }
        foreach (var c in catches) Join(c, s);
        if (block.BranchValue is not { } value)
        {
            if (block.FallThroughSuccessor is { } next) sink(block, next, s);
            return;
        }
        if (block.ConditionKind != ControlFlowConditionKind.None)
        {
            _evaluator.Evaluate(value, ref s);
            var isGuard = _guards is not null && _guards.IsGuard(block.Ordinal);
            bool? decided = isGuard && _scenario ? _guards!.ScenarioOutcome(block.Ordinal, value, _evaluator) : null;
            var loopKey = PollingLoops().TryGetValue(block.Ordinal, out var loop) ? loop.Key : null;
            var bodyBranch = loop.Body;
            foreach (var outcome in Outcomes)
            {
                if (decided.HasValue && decided.Value != outcome) continue;
                var refined = InnerPollRefinement.Refine(s, value, outcome, _evaluator, _symbols);
                if (refined is null) continue;
                if (isGuard && !_scenario) refined = refined.Registered();
                var jumps = outcome == (block.ConditionKind == ControlFlowConditionKind.WhenTrue);
                var branch = jumps ? block.ConditionalSuccessor : block.FallThroughSuccessor;
                if (branch is null) continue;
                if (loopKey is not null)
                {
                    // A loop that polls its inner futures is assumed to run at least once (an empty join is not a lost wakeup).
                    if (branch == bodyBranch) refined = refined.With(loopKey, RegistrationValue.Bool(true));
                    else if (refined.Get(loopKey).Kind != RegistrationValueKind.True) continue;
                }
                sink(block, branch, refined);
            }
            return;
        }
        var result = _evaluator.Evaluate(value, ref s);
        if (block.FallThroughSuccessor is { Semantics: ControlFlowBranchSemantics.Return } ret)
        {
            if (!InsideTryWithFinally(block)) RecordReturn(block, value, result, s);
            else foreach (var after in RunFinally(ret.FinallyRegions, s)) RecordReturn(block, value, result, after);
        }
    }

    private static readonly bool[] Outcomes = { true, false };

    private void FlowMain(BasicBlock from, ControlFlowBranch branch, RegistrationState state)
    {
        if (branch.Destination is not { } destination) return;
        // The regions left are walked here rather than read from the branch, whose region lists are costly to build;
        // only a branch out of a try with a finally needs them.
        var s = state;
        var runsFinally = false;
        for (var r = from.EnclosingRegion; r is not null && (destination.Ordinal < r.FirstBlockOrdinal || destination.Ordinal > r.LastBlockOrdinal); r = r.EnclosingRegion)
        {
            s = s.Leaving(r);
            runsFinally |= r.Kind == ControlFlowRegionKind.Try && r.EnclosingRegion is { Kind: ControlFlowRegionKind.TryAndFinally };
        }
        if (!runsFinally) Join(destination.Ordinal, s);
        else foreach (var after in RunFinally(branch.FinallyRegions, s)) Join(destination.Ordinal, after);
    }

    private void Join(int ordinal, RegistrationState state)
    {
        _liveness ??= new SlotFactLiveness(_graph, _evaluator, CatchEntries);
        state = state.WithoutDeadSlots(_liveness, ordinal);
        var set = _in[ordinal] ??= new RegistrationStateSet();
        if (set.Add(state)) _work.Add(ordinal);
    }

    // A finally region runs on the way out of its try: a small worklist over its own blocks.
    // Every return inside a lock runs the same finally, mostly on the same path state: each result is kept for the run.
    private readonly Dictionary<(ControlFlowRegion, RegistrationState), RegistrationState[]> _finallyRuns = new();

    private IEnumerable<RegistrationState> RunFinally(ImmutableArray<ControlFlowRegion> regions, RegistrationState state)
    {
        IEnumerable<RegistrationState> current = new[] { state };
        if (regions.IsDefaultOrEmpty) return current;
        foreach (var region in regions)
        {
            var single = current is RegistrationState[] { Length: 1 } one ? one[0] : null;
            if (single is not null && _finallyRuns.TryGetValue((region, single), out var known))
            {
                current = known;
                continue;
            }
            var outputs = new RegistrationStateSet();
            var local = new Dictionary<int, RegistrationStateSet>();
            var work = new SortedSet<int>();
            var budget = 50 * (region.LastBlockOrdinal - region.FirstBlockOrdinal + 1) + 50;
            void LocalJoin(int ordinal, RegistrationState s)
            {
                if (!local.TryGetValue(ordinal, out var set)) local[ordinal] = set = new RegistrationStateSet();
                if (set.Add(s)) work.Add(ordinal);
            }
            foreach (var s in current) LocalJoin(region.FirstBlockOrdinal, s);
            while (work.Count > 0 && --budget > 0)
            {
                var ordinal = work.Min;
                work.Remove(ordinal);
                foreach (var s in local[ordinal].TakeUnprocessed())
                {
                    ProcessBlock(_graph.Blocks[ordinal], s, (from, branch, st) =>
                    {
                        if (branch.Destination is { } d && d.Ordinal >= region.FirstBlockOrdinal && d.Ordinal <= region.LastBlockOrdinal)
                        {
                            LocalJoin(d.Ordinal, st.Leaving(branch.LeavingRegions));
                        }
                        else if (branch.Semantics == ControlFlowBranchSemantics.StructuredExceptionHandling)
                        {
                            outputs.Add(st);
                        }
                    });
                }
            }
            var result = outputs.States.ToArray();
            if (single is not null) _finallyRuns[(region, single)] = result;
            current = result;
        }
        return current;
    }

    private Dictionary<int, (ControlFlowBranch Body, string Key)>? _pollingLoops;

    // Loop conditions (a successor leads back to the block, the other does not) whose body polls an inner future.
    private Dictionary<int, (ControlFlowBranch Body, string Key)> PollingLoops()
    {
        if (_pollingLoops is not null) return _pollingLoops;
        _pollingLoops = new Dictionary<int, (ControlFlowBranch, string)>();
        foreach (var b in _graph.Blocks)
        {
            if (b.ConditionKind == ControlFlowConditionKind.None || b.ConditionalSuccessor is not { } c || b.FallThroughSuccessor is not { } f) continue;
            if (!IsLoopCondition(b.BranchValue!.Syntax)) continue;
            var fromC = Reach(c.Destination);
            var fromF = Reach(f.Destination);
            ControlFlowBranch? body = fromC.Contains(b.Ordinal) && !fromF.Contains(b.Ordinal) ? c
                : fromF.Contains(b.Ordinal) && !fromC.Contains(b.Ordinal) ? f : null;
            if (body is null) continue;
            var bodyBlocks = Reach(body.Destination);
            bodyBlocks.IntersectWith(Reaching(b.Ordinal));
            if (bodyBlocks.Any(o => PollsInner(_graph.Blocks[o]))) _pollingLoops[b.Ordinal] = (body, "loop:" + b.Ordinal);
        }
        return _pollingLoops;
    }

    private static bool IsLoopCondition(SyntaxNode syntax) => syntax.Parent switch
    {
        ForStatementSyntax f => f.Condition == syntax,
        WhileStatementSyntax w => w.Condition == syntax,
        DoStatementSyntax d => d.Condition == syntax,
        ForEachStatementSyntax e => e.Expression == syntax,
        _ => syntax is CommonForEachStatementSyntax,
    };

    private bool PollsInner(BasicBlock block) =>
        block.Operations.Concat(block.BranchValue is null ? Enumerable.Empty<IOperation>() : new[] { block.BranchValue })
            .SelectMany(o => o.DescendantsAndSelf()).OfType<IInvocationOperation>().Any(_evaluator.IsInnerPoll);

    private HashSet<int> Reach(BasicBlock? start)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<BasicBlock>();
        if (start is not null) stack.Push(start);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            if (!seen.Add(b.Ordinal)) continue;
            if (b.ConditionalSuccessor?.Destination is { } c) stack.Push(c);
            if (b.FallThroughSuccessor?.Destination is { } f) stack.Push(f);
        }
        return seen;
    }

    private HashSet<int> Reaching(int target)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        stack.Push(target);
        while (stack.Count > 0)
        {
            var o = stack.Pop();
            if (!seen.Add(o)) continue;
            foreach (var p in _graph.Blocks[o].Predecessors) stack.Push(p.Source.Ordinal);
        }
        return seen;
    }

    private static bool InsideTryWithFinally(BasicBlock block)
    {
        for (var r = block.EnclosingRegion; r is not null; r = r.EnclosingRegion)
        {
            if (r.Kind == ControlFlowRegionKind.Try && r.EnclosingRegion is { Kind: ControlFlowRegionKind.TryAndFinally }) return true;
        }
        return false;
    }

    private int[] CatchEntries(BasicBlock block)
    {
        if (_catchEntries.TryGetValue(block.Ordinal, out var entries)) return entries;
        var list = new List<int>();
        for (var r = block.EnclosingRegion; r is not null; r = r.EnclosingRegion)
        {
            if (r.Kind != ControlFlowRegionKind.Try || r.EnclosingRegion is not { Kind: ControlFlowRegionKind.TryAndCatch } parent) continue;
            foreach (var handler in parent.NestedRegions)
            {
                if (handler.Kind is ControlFlowRegionKind.Catch or ControlFlowRegionKind.FilterAndHandler) list.Add(handler.FirstBlockOrdinal);
            }
        }
        entries = list.ToArray();
        _catchEntries[block.Ordinal] = entries;
        return entries;
    }

    private void RecordReturn(BasicBlock block, IOperation value, RegistrationValue result, RegistrationState state)
    {
        if (!_result.Returns.TryGetValue(block.Ordinal, out var record))
        {
            _result.Returns[block.Ordinal] = record = new ReturnRecord(block.Ordinal, ReportLocation(value.Syntax));
        }
        if (result.Kind != RegistrationValueKind.Pending) record.OnlyPending = false;
        if (result.Kind == RegistrationValueKind.Pending && state.IsSurelyUnregistered) record.PendingUnregistered = true;
    }

    /// <summary>The return statement, or the body of an expression-bodied member or lambda (never a switch arm).</summary>
    private SyntaxNode ReportLocation(SyntaxNode syntax)
    {
        for (var node = syntax; node is not null; node = node.Parent)
        {
            switch (node)
            {
                case ReturnStatementSyntax:
                    return node;
                case ArrowExpressionClauseSyntax arrow:
                    return arrow.Expression;
                case AnonymousFunctionExpressionSyntax { ExpressionBody: { } body } when body.Span.Contains(syntax.Span):
                    return body;
            }
            if (node == _poll.Declaration) break;
        }
        return syntax;
    }
}
