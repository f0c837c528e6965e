using System.Collections.Generic;
using System.Collections.Immutable;
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
            if (model.ReadOrderOf(poll) is not { } order) continue;
            foreach (var store in model.StoresOf(poll))
            {
                // A read that is also before the store is a loop's next round, not a check after the store.
                if (!store.Guarded && order.HeldReadOnlyAfter(store)) yield return Diagnostic.Create(Descriptors.RegisterBeforeCheckUnderLock, store.Node.GetLocation(), PollName(poll));
            }
        }
    }

    private static string PollName(PollFacts poll) => poll.Symbol.MethodKind == MethodKind.AnonymousFunction ? "lambda" : poll.Symbol.Name;
}
