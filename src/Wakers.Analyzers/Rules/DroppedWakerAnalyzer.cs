using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>WAKE010: outside poll methods, a slot a poll stores its waker in is cleared or overwritten without a wake.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DroppedWakerAnalyzer : TypeModelRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DroppedWaker);

    internal override IEnumerable<Diagnostic> Judge(TypeModel model)
    {
        foreach (var member in model.OtherMembers())
        {
            // A future's own Dispose may drop its waker: nobody waits on a disposed future.
            if (member.IsFutureDispose) continue;
            var woken = model.WakeOrigins(member.Symbol);
            foreach (var clear in member.Effects)
            {
                if (clear.Kind != WakerEffectKind.Clear) continue;
                if (member.IsConstructor && SymbolEqualityComparer.Default.Equals(clear.Owner, member.Symbol)) continue;
                var dropped = clear.Origins.Where(model.AllSlots.Contains).ToList();
                if (dropped.Count == 0 || dropped.Any(woken.Contains)) continue;
                var callers = model.CallersOf(member.Symbol);
                if (callers.Count > 0 && callers.All(c => dropped.Any(model.WakeOrigins(c.Symbol).Contains))) continue;
                yield return Diagnostic.Create(Descriptors.DroppedWaker, clear.Node.GetLocation(), NameOf(member.Symbol), dropped[0].Name);
            }
        }
    }
}
