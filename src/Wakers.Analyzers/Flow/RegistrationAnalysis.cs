using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>A guarded store that a later poll skips (WAKE002), with a description of its guard.</summary>
internal readonly struct StaleStore
{
    public StaleStore(SyntaxNode at, string guard)
    {
        At = at;
        Guard = guard;
    }

    public SyntaxNode At { get; }
    public string Guard { get; }
}

/// <summary>The registration facts of one poll method: its lost-wakeup returns (WAKE001) and its stale stores (WAKE002).</summary>
internal sealed class RegistrationAnalysis
{
    private RegistrationAnalysis(IReadOnlyList<SyntaxNode> lostReturns, IReadOnlyList<StaleStore> staleStores, bool storesWaker)
    {
        LostReturns = lostReturns;
        StaleStores = staleStores;
        StoresWaker = storesWaker;
    }

    /// <summary>Returns (or expression bodies) where some path returns Pending with no registration.</summary>
    public IReadOnlyList<SyntaxNode> LostReturns { get; }

    /// <summary>Stores guarded so that a later poll does not refresh them.</summary>
    public IReadOnlyList<StaleStore> StaleStores { get; }

    /// <summary>Whether the poll method writes the waker anywhere on some path.</summary>
    public bool StoresWaker { get; }

    public static RegistrationAnalysis Analyze(PollMethod poll, RegistrationSummaries summaries, System.Threading.CancellationToken cancellation)
    {
        var flow = new LostWakeupDataflow(poll, summaries, cancellation);
        var guardSearch = new GuardSearchWork();
        try
        {
            return Analyze(poll, flow, guardSearch);
        }
        finally
        {
            RegistrationWork.Add(poll.Declaration.SyntaxTree, flow.Work + guardSearch.Visits);
        }
    }

    private static RegistrationAnalysis Analyze(PollMethod poll, LostWakeupDataflow flow, GuardSearchWork guardSearch)
    {
        var first = flow.Run(null, scenario: false);
        if (!first.Completed) return new RegistrationAnalysis(new SyntaxNode[0], new StaleStore[0], first.Stores.Count > 0);
        var guards = RegistrationGuards.Find(poll.Graph, first, flow.Evaluator, guardSearch);
        var normal = guards is null ? first : flow.Run(guards, scenario: false);
        var lost = new List<SyntaxNode>();
        if (normal.Completed && !IsDeliberateNever(poll, normal))
        {
            foreach (var r in normal.Returns.Values.OrderBy(r => r.Block))
            {
                if (r.PendingUnregistered && !lost.Contains(r.ReportAt)) lost.Add(r.ReportAt);
            }
        }
        var stale = new List<StaleStore>();
        if ((guards is not null || flow.Evaluator.SeenStoresIfAbsent.Count > 0) && normal.Completed)
        {
            var later = flow.Run(guards, scenario: true);
            var skipsRefresh = later.Completed && later.Returns.Values.Any(r =>
                r.PendingUnregistered && normal.Returns.TryGetValue(r.Block, out var n) && !n.PendingUnregistered);
            if (skipsRefresh)
            {
                var seen = new HashSet<SyntaxNode>();
                foreach (var skipped in flow.Evaluator.SkippedStoresIfAbsent.OrderBy(o => o.Syntax.SpanStart))
                {
                    if (seen.Add(skipped.Syntax)) stale.Add(new StaleStore(skipped.Syntax, "the slot is empty"));
                }
                // Once every store the later poll skips is reported, later guards add nothing: listing their stores would only cost a walk each.
                var unreported = new HashSet<SyntaxNode>(first.Stores.Values.Where(s => !later.Registrations.Contains(s.Operation)).Select(s => s.Operation.Syntax));
                unreported.ExceptWith(seen);
                foreach (var guard in guards?.All ?? Enumerable.Empty<RegistrationGuard>())
                {
                    if (unreported.Count == 0) break;
                    foreach (var store in guard.GuardedStores.OrderBy(s => s.Operation.Syntax.SpanStart))
                    {
                        if (later.Registrations.Contains(store.Operation)) continue;
                        if (seen.Add(store.Operation.Syntax))
                        {
                            unreported.Remove(store.Operation.Syntax);
                            stale.Add(new StaleStore(store.Operation.Syntax, RegistrationGuards.Describe(guard)));
                        }
                    }
                }
            }
        }
        foreach (var call in flow.Evaluator.StaleCalls.OrderBy(c => c.Key.Syntax.SpanStart))
        {
            // The store-once guard lives in the helper: report the call that relies on it.
            if (normal.Registrations.Contains(call.Key) && !stale.Any(st => st.At == call.Key.Syntax)) stale.Add(new StaleStore(call.Key.Syntax, call.Value));
        }
        return new RegistrationAnalysis(lost, stale, first.Stores.Count > 0);
    }

    // A Never<T>: every return is a Pending constant and the method reads no state.
    private static bool IsDeliberateNever(PollMethod poll, DataflowResult result)
    {
        if (result.Returns.Count == 0 || result.Returns.Values.Any(r => !r.OnlyPending)) return false;
        foreach (var block in poll.Graph.Blocks)
        {
            var roots = block.BranchValue is null ? block.Operations : block.Operations.Add(block.BranchValue);
            foreach (var op in roots.SelectMany(o => o.DescendantsAndSelf()))
            {
                switch (op)
                {
                    case IPropertyReferenceOperation { Property.IsStatic: true, Property.Name: "Pending" }:
                        continue;
                    case IFieldReferenceOperation or IPropertyReferenceOperation or IInvocationOperation or IArrayElementReferenceOperation
                        or IEventReferenceOperation or IInstanceReferenceOperation or IObjectCreationOperation:
                        return false;
                    case IParameterReferenceOperation p when !SymbolEqualityComparer.Default.Equals(p.Parameter, poll.Context):
                        return false;
                }
            }
        }
        return true;
    }
}
