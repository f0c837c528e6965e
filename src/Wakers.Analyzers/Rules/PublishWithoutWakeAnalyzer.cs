using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>WAKE006: a method writes state a poll method waits on and never wakes the waker that poll stores.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class PublishWithoutWakeAnalyzer : TypeModelRule
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.PublishWithoutWake);

    internal override IEnumerable<Diagnostic> Judge(TypeModel model)
    {
        foreach (var poll in model.Polls)
        {
            // A poll method that stores no waker is the lost-wakeup rule's alone.
            var slots = model.Slots(poll);
            if (slots.Count == 0) continue;
            foreach (var member in model.OtherMembers())
            {
                if (member.IsFutureDispose) continue;
                var writes = member.Writes.Where(w => !w.InConstructorBody && model.IsReadiness(poll, w.Member) && model.CanPublish(poll, w)).ToList();
                if (writes.Count == 0 || Wakes(model, member.Symbol, slots)) continue;
                // A private step of a method that wakes afterwards is judged with its callers.
                var callers = model.CallersOf(member.Symbol);
                if (callers.Count > 0 && callers.All(c => Wakes(model, c.Symbol, slots))) continue;
                foreach (var w in writes)
                {
                    yield return Diagnostic.Create(Descriptors.PublishWithoutWake, w.Node.GetLocation(), NameOf(member.Symbol), w.Member.Name, PollName(poll));
                }
            }
        }
    }

    private static bool Wakes(TypeModel model, IMethodSymbol member, HashSet<ISymbol> slots) => model.WakeOrigins(member).Overlaps(slots);

    private static string PollName(PollFacts poll) => poll.Symbol.MethodKind == MethodKind.AnonymousFunction ? "lambda" : poll.Symbol.Name;
}
