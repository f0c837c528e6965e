using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>WAKE004: readiness is read before the waker is stored, with no lock across both and no re-check after.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class CheckThenRegisterAnalyzer : TypeModelRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.CheckThenRegister);

    internal override IEnumerable<Diagnostic> Judge(TypeModel model)
    {
        foreach (var poll in model.Polls)
        {
            if (model.ReadOrderOf(poll) is not { } order) continue;
            foreach (var store in model.StoresOf(poll))
            {
                // A guarded store is the stale-waker rule's alone.
                if (store.Guarded || order.AnyReadAfter(store)) continue;
                if (order.UnheldReadBefore(store) is not { } read) continue;
                // The read goes along so the fix can find the check to repeat after the store.
                yield return Diagnostic.Create(Descriptors.CheckThenRegister, store.Node.GetLocation(), new[] { read.Node.GetLocation() }, read.Member.Name);
            }
        }
    }
}
