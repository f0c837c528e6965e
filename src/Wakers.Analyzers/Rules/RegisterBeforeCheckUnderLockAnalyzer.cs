using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>WAKE009: the waker is stored before a readiness check that one lock holds together with the store.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class RegisterBeforeCheckUnderLockAnalyzer : TypeModelRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.RegisterBeforeCheckUnderLock);

    internal override IEnumerable<Diagnostic> Judge(TypeModel model)
    {
        foreach (var poll in model.Polls)
        {
            foreach (var store in model.StoresOf(poll))
            {
                if (store.Guarded) continue;
                // A read that is also before the store is a loop's next round, not a check after the store.
                var wasted = store.After.Any(r => r.LockHeldWithStore && model.IsReadiness(poll, r.Member)
                    && !store.Before.Any(b => b.Node == r.Node));
                if (wasted) yield return Diagnostic.Create(Descriptors.RegisterBeforeCheckUnderLock, store.Node.GetLocation(), PollName(poll));
            }
        }
    }

    private static string PollName(PollFacts poll) => poll.Symbol.MethodKind == MethodKind.AnonymousFunction ? "lambda" : poll.Symbol.Name;
}
