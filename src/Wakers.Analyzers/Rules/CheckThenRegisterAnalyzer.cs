using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
            foreach (var store in model.StoresOf(poll))
            {
                // A guarded store is the stale-waker rule's alone.
                if (store.Guarded) continue;
                var before = store.Before.Where(r => model.IsReadiness(poll, r.Member) && !OnRegisteredObject(store, r)).ToList();
                if (!before.Any(r => !r.LockHeldWithStore)) continue;
                if (store.After.Any(r => model.IsReadiness(poll, r.Member))) continue;
                var read = before.First(r => !r.LockHeldWithStore);
                // The read goes along so the fix can find the check to repeat after the store.
                yield return Diagnostic.Create(Descriptors.CheckThenRegister, store.Node.GetLocation(), new[] { read.Node.GetLocation() }, read.Member.Name);
            }
        }
    }

    // `task.ContinueWith(...)` after `task.IsCompleted`: the object checked is the one that will call back.
    private static bool OnRegisteredObject(WakerStore store, ReadinessRead read) =>
        store.RegisteredOn is { } on && (SymbolEqualityComparer.Default.Equals(read.Instance, on) || SymbolEqualityComparer.Default.Equals(read.Member, on));
}
