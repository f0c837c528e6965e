using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>WAKE005: a method wakes (or takes) a poll method's stored waker before it writes the state that poll reads.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WakeBeforePublishAnalyzer : TypeModelRule
{
    /// <summary>Set when the wake (or take) is one statement that can move after the writes as it is.</summary>
    public const string MovableProperty = "Movable";

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.WakeBeforePublish);

    private sealed class WakeEvent
    {
        public WakeEvent(SyntaxNode node, ISymbol owner, HashSet<ISymbol> origins, bool rereads, bool movable)
        {
            Movable = movable;
            Node = node;
            Owner = owner;
            Origins = origins;
            Rereads = rereads;
        }

        public SyntaxNode Node { get; }
        public ISymbol Owner { get; }
        public HashSet<ISymbol> Origins { get; }

        /// <summary>Reads the slot afresh (not a local taken earlier): a wake like this after the write repairs the order.</summary>
        public bool Rereads { get; }

        /// <summary>A wake, a helper call or a one-call take: moving it alone keeps the meaning (a read-and-clear pair does not).</summary>
        public bool Movable { get; }
    }

    internal override IEnumerable<Diagnostic> Judge(TypeModel model)
    {
        foreach (var poll in model.Polls)
        {
            var slots = model.Slots(poll);
            if (slots.Count == 0) continue;
            var pollLocks = new HashSet<ISymbol>(poll.Regions.Where(r => r.Key is not null).Select(r => r.Key!), SymbolEqualityComparer.Default);
            foreach (var member in model.OtherMembers())
            {
                var events = Events(model, member, slots);
                if (events.Count == 0) continue;
                // Per function: where its last rereading wake starts (a write before it is woken for), and per slot its first event's end.
                var lastReread = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
                var firstEnd = new Dictionary<ISymbol, Dictionary<ISymbol, int>>(SymbolEqualityComparer.Default);
                foreach (var e in events)
                {
                    if (e.Rereads) lastReread[e.Owner] = lastReread.TryGetValue(e.Owner, out var start) ? Math.Max(start, e.Node.SpanStart) : e.Node.SpanStart;
                    if (!firstEnd.TryGetValue(e.Owner, out var ends)) firstEnd[e.Owner] = ends = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
                    foreach (var o in e.Origins) ends[o] = ends.TryGetValue(o, out var end) ? Math.Min(end, e.Node.Span.End) : e.Node.Span.End;
                }
                var publishing = member.Writes.Where(w => !w.InConstructorBody && model.IsReadiness(poll, w.Member) && model.CanPublish(poll, w)).ToList();
                foreach (var e in events)
                {
                    // Waking a waker taken earlier is the same event as the take: one bug, one diagnostic.
                    if (!e.Rereads && e.Origins.Any(o => firstEnd[e.Owner].TryGetValue(o, out var end) && end <= e.Node.SpanStart)) continue;
                    var rereadAfter = lastReread.TryGetValue(e.Owner, out var reread) ? reread : -1;
                    var late = publishing.Where(w => Comes(e, w) && w.Node.SpanStart >= rereadAfter && !SharedLockHolds(member, pollLocks, e.Node, w.Node)).ToList();
                    if (late.Count > 0)
                    {
                        // Every late write goes along: the fix moves the wake after the last of them.
                        var properties = e.Movable ? ImmutableDictionary<string, string?>.Empty.Add(MovableProperty, "true") : ImmutableDictionary<string, string?>.Empty;
                        yield return Diagnostic.Create(Descriptors.WakeBeforePublish, e.Node.GetLocation(), late.Select(w => w.Node.GetLocation()), properties,
                            NameOf(member.Symbol), late[0].Member.Name);
                    }
                }
            }
        }
    }

    private static bool Comes(WakeEvent e, StateWrite w) =>
        SymbolEqualityComparer.Default.Equals(w.Owner, e.Owner) && w.Node.SpanStart > e.Node.Span.End;

    private static bool SharedLockHolds(MemberFacts member, HashSet<ISymbol> pollLocks, SyntaxNode wake, SyntaxNode write) =>
        member.Regions.Any(r => r.Key is not null && r.Contains(wake) && r.Contains(write) && (pollLocks.Contains(r.Key) || pollLocks.Any(k => SameSharedObject(k, r.Key))));

    // `lock (_shared)` in Tx and in Rx (or `lock (this)` in Shared) lock the one shared object the two halves hold.
    private static bool SameSharedObject(ISymbol a, ISymbol b)
    {
        if (LockedType(a) is not { } ta || LockedType(b) is not { } tb || !SymbolEqualityComparer.Default.Equals(ta.OriginalDefinition, tb.OriginalDefinition)) return false;
        if (ta.SpecialType == SpecialType.System_Object || !ta.Locations.Any(l => l.IsInSource)) return false;
        return !SymbolEqualityComparer.Default.Equals(Outermost(a), Outermost(b));
    }

    private static ITypeSymbol? LockedType(ISymbol key) => key switch
    {
        IFieldSymbol f => f.Type,
        IPropertySymbol p => p.Type,
        INamedTypeSymbol t => t,
        _ => null,
    };

    private static INamedTypeSymbol? Outermost(ISymbol symbol)
    {
        var t = symbol as INamedTypeSymbol ?? symbol.ContainingType;
        while (t?.ContainingType is not null) t = t.ContainingType;
        return t?.OriginalDefinition;
    }

    private static List<WakeEvent> Events(TypeModel model, MemberFacts member, HashSet<ISymbol> slots)
    {
        var events = new List<WakeEvent>();
        foreach (var e in member.Effects)
        {
            if (e.Kind is WakerEffectKind.Wake or WakerEffectKind.Take && e.Origins.Overlaps(slots))
            {
                events.Add(new WakeEvent(e.Node, e.Owner, e.Origins, e.Kind == WakerEffectKind.Take || !e.ThroughLocal, e.Kind == WakerEffectKind.Wake || !e.ReadAndClear));
            }
        }
        foreach (var call in member.Calls)
        {
            var woken = model.WakeOriginsOf(call, includePassOn: false);
            if (woken.Overlaps(slots)) events.Add(new WakeEvent(call.Node, call.Owner, woken, rereads: true, movable: true));
        }
        return events;
    }
}
