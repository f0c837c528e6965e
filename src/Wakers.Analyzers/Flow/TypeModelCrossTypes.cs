using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Models that join a poll method's type with the other types that write, wake or clear the members of a shared
/// object it reads or stores its waker in (<c>Sender.Close()</c> setting <c>_shared.Closed</c> that
/// <c>Receiver.PollRecv</c> waits on). Facts are keyed by the shared object's member symbols, so they line up.
/// </summary>
internal static class CrossTypeModels
{
    public static IEnumerable<(TypeModel Model, System.Func<Location, bool> Judged)> Build(List<TypeModel> models, WakersSymbols symbols)
    {
        var members = models.Select(m => (m.Type, m.Members)).ToList();
        var calledFromOutside = CalledFromOutside(members);
        Dictionary<ISymbol, List<int>>? touchedBy = null;
        foreach (var own in models)
        {
            if (own.Polls.Count == 0) continue;
            var foreign = ForeignMembers(own);
            if (foreign.Count == 0) continue;
            touchedBy ??= TouchedBy(members);
            var touching = new HashSet<int>();
            foreach (var s in foreign)
            {
                if (touchedBy.TryGetValue(s, out var types)) touching.UnionWith(types);
            }
            var combined = new Dictionary<IMethodSymbol, MemberFacts>(own.Members, SymbolEqualityComparer.Default);
            var imported = new List<INamedTypeSymbol>();
            for (var i = 0; i < members.Count; i++)
            {
                var (type, facts) = members[i];
                if (SymbolEqualityComparer.Default.Equals(type, own.Type) || !touching.Contains(i)) continue;
                imported.Add(type);
                foreach (var pair in facts) combined[pair.Key] = pair.Value;
            }
            if (imported.Count == 0) continue;
            var judged = new List<IMethodSymbol>();
            foreach (var (type, facts) in members)
            {
                if (!imported.Contains(type, SymbolEqualityComparer.Default)) continue;
                // A step another type calls (MarkFired, a queue's Enqueue) is judged with that caller, which may wake after it.
                judged.AddRange(facts.Keys.Where(m => !calledFromOutside.Contains(m)));
            }
            yield return (new TypeModel(own.Type, symbols, own.Polls, combined), location => IsIn(location, judged));
        }
    }

    // The slots and condition reads of the polls that live on an object of another type.
    private static HashSet<ISymbol> ForeignMembers(TypeModel model)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var candidates = new HashSet<ISymbol>(model.AllSlots, SymbolEqualityComparer.Default);
        foreach (var poll in model.Polls) candidates.UnionWith(poll.ConditionReads);
        foreach (var s in candidates)
        {
            if (s is IFieldSymbol or IPropertySymbol && Outermost(s.ContainingType) is { } holder
                && !SymbolEqualityComparer.Default.Equals(holder, model.Type) && holder.Locations.Any(l => l.IsInSource)) result.Add(s);
        }
        return result;
    }

    // Which types (their index in the list) write, wake or clear each member: one pass over every type's facts, so
    // each poll type with foreign members looks its types up instead of scanning every type of the compilation.
    private static Dictionary<ISymbol, List<int>> TouchedBy(List<(INamedTypeSymbol Type, Dictionary<IMethodSymbol, MemberFacts> Members)> members)
    {
        var result = new Dictionary<ISymbol, List<int>>(SymbolEqualityComparer.Default);
        void Add(ISymbol s, int type)
        {
            if (!result.TryGetValue(s, out var types)) result[s] = types = new List<int>();
            if (types.Count == 0 || types[types.Count - 1] != type) types.Add(type);
        }
        for (var i = 0; i < members.Count; i++)
        {
            foreach (var member in members[i].Members.Values)
            {
                foreach (var w in member.Writes) Add(w.Member, i);
                foreach (var e in member.Effects)
                {
                    foreach (var o in e.Origins) Add(o, i);
                }
            }
        }
        return result;
    }

    private static INamedTypeSymbol? Outermost(INamedTypeSymbol? type)
    {
        while (type?.ContainingType is not null) type = type.ContainingType;
        return type?.OriginalDefinition;
    }

    private static HashSet<IMethodSymbol> CalledFromOutside(List<(INamedTypeSymbol Type, Dictionary<IMethodSymbol, MemberFacts> Members)> members)
    {
        var result = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        foreach (var (type, facts) in members)
        {
            foreach (var m in facts.Values)
            {
                foreach (var callee in m.Invoked)
                {
                    if (!SymbolEqualityComparer.Default.Equals(Outermost(callee.ContainingType), type)) result.Add(callee);
                }
            }
        }
        return result;
    }

    // Whether the location lies in one of the judged members' declarations.
    private static bool IsIn(Location location, List<IMethodSymbol> types)
    {
        foreach (var t in types)
        {
            foreach (var r in t.DeclaringSyntaxReferences)
            {
                if (r.SyntaxTree == location.SourceTree && r.Span.Contains(location.SourceSpan)) return true;
            }
        }
        return false;
    }
}
