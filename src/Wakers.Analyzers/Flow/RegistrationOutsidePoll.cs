using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Wakers captured outside any poll (a constructor, a <c>Start(Context)</c> method) and kept in the future: stale
/// when no poll method of the type ever stores a newer one (WAKE002). Cached per type.
/// </summary>
internal sealed class RegistrationOutsidePoll
{
    private readonly RegistrationSummaries _summaries;
    private readonly ConcurrentDictionary<INamedTypeSymbol, ImmutableArray<SyntaxNode>> _cache = new(SymbolEqualityComparer.Default);

    public RegistrationOutsidePoll(RegistrationSummaries summaries) => _summaries = summaries;

    /// <summary>Whether the type keeps a waker captured outside its polls that no poll replaces.</summary>
    public bool HasWakerKeptOutsidePolls(INamedTypeSymbol? type) => type is not null && StaleStores(type).Length > 0;

    /// <summary>The stores outside polls of a type whose polls never store a waker themselves.</summary>
    public ImmutableArray<SyntaxNode> StaleStores(INamedTypeSymbol type) => _cache.GetOrAdd(type, Compute);

    private ImmutableArray<SyntaxNode> Compute(INamedTypeSymbol type)
    {
        var symbols = _summaries.Symbols;
        // Runs for every type of the compilation: one pass over the members, lists only once something is found.
        List<IMethodSymbol>? polls = null;
        List<IMethodSymbol>? keepers = null;
        foreach (var member in type.GetMembers())
        {
            if (member is not IMethodSymbol m) continue;
            if (symbols.IsPollMethod(m)) (polls ??= new List<IMethodSymbol>()).Add(m);
            // Symbols first: only a constructor, a Start method or a method taking a Context that is handed a waker can keep
            // one outside the polls, and most types have none, so the costlier look into the polls' bodies is skipped.
            else if (MayKeepWaker(m, symbols)) (keepers ??= new List<IMethodSymbol>()).Add(m);
        }
        if (polls is null || keepers is null) return ImmutableArray<SyntaxNode>.Empty;
        foreach (var poll in polls)
        {
            var context = symbols.ContextParameter(poll)!;
            // A poll that keeps cx.Waker itself (stores, wakes, or polls an inner future with it) does not rely on the old waker.
            if (!RegistrationCallees.HasReadableBody(poll) || _summaries.Get(poll, 1 << context.Ordinal).Keeps) return ImmutableArray<SyntaxNode>.Empty;
        }
        var stores = ImmutableArray.CreateBuilder<SyntaxNode>();
        foreach (var m in keepers)
        {
            var seeds = m.Parameters.Where(p => IsContext(p.Type, symbols) || symbols.IsWakerType(p.Type)).Cast<ISymbol>().ToList();
            if (_summaries.Body(m) is not { } body) continue;
            var carriers = new HashSet<ISymbol>(seeds, SymbolEqualityComparer.Default);
            foreach (var op in body.DescendantsAndSelf())
            {
                switch (op)
                {
                    case ISimpleAssignmentOperation a when a.Target is IFieldReferenceOperation or IPropertyReferenceOperation
                        && RegistrationSummaries.IsCarrier(a.Value, carriers):
                        stores.Add(a.Syntax);
                        break;
                    case IInvocationOperation inv when inv.Instance is IFieldReferenceOperation or IPropertyReferenceOperation
                        && inv.Arguments.Any(arg => RegistrationSummaries.IsCarrier(arg.Value, carriers))
                        && !RegistrationCallees.IsKnownNonKeeping(inv.TargetMethod):
                        stores.Add(inv.Syntax);
                        break;
                }
            }
        }
        return stores.ToImmutable();
    }

    private static bool MayKeepWaker(IMethodSymbol m, WakersSymbols symbols)
    {
        if (!m.Parameters.Any(p => IsContext(p.Type, symbols) || symbols.IsWakerType(p.Type))) return false;
        if (symbols.IsPollMethod(m) || !RegistrationCallees.HasReadableBody(m)) return false;
        var takesContext = m.Parameters.Any(p => IsContext(p.Type, symbols));
        var isStart = m.Name.StartsWith("Start", System.StringComparison.Ordinal) || m.Name.StartsWith("Begin", System.StringComparison.Ordinal);
        return m.MethodKind == MethodKind.Constructor || takesContext || isStart;
    }

    private static bool IsContext(ITypeSymbol type, WakersSymbols symbols) => SymbolEqualityComparer.Default.Equals(type, symbols.Context);
}
