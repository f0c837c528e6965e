using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
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
                // Writes one after the other on one path are one publish, one bug: reported at the first, the others go along.
                foreach (var (first, following) in PublishSites(writes))
                {
                    yield return Diagnostic.Create(Descriptors.PublishWithoutWake, first.Node.GetLocation(),
                        following.Select(w => w.Node.GetLocation()), NameOf(member.Symbol), first.Member.Name, PollName(poll));
                }
            }
        }
    }

    // Each write that no earlier write runs before on every path (a switch's arms are two sites), with the writes that follow it.
    private static List<(StateWrite First, List<StateWrite> Following)> PublishSites(List<StateWrite> writes)
    {
        var sites = new List<(StateWrite First, List<StateWrite> Following)>();
        foreach (var w in writes.OrderBy(w => w.Node.SpanStart))
        {
            // `(_value, _done) = (v, true)` writes twice at one node: one site.
            var site = sites.FindIndex(s => SymbolEqualityComparer.Default.Equals(s.First.Owner, w.Owner) && (s.First.Node == w.Node || RunsBefore(s.First.Node, w.Node)));
            if (site >= 0) sites[site].Following.Add(w);
            else sites.Add((w, new List<StateWrite>()));
        }
        return sites;
    }

    // Whether `first` runs whenever `later` does, before it: they share a block or statement and nothing between that
    // and `first` branches (no if, switch, loop, ?:, catch or lambda on the way down to `first`).
    private static bool RunsBefore(SyntaxNode first, SyntaxNode later)
    {
        if (first.SyntaxTree != later.SyntaxTree || first.Span.End > later.SpanStart) return false;
        for (var n = first.Parent; n is not null; n = n.Parent)
        {
            if (n.Span.Contains(later.Span)) return true;
            if (n is IfStatementSyntax or ElseClauseSyntax or SwitchSectionSyntax or SwitchExpressionArmSyntax or ConditionalExpressionSyntax
                or WhileStatementSyntax or ForStatementSyntax or ForEachStatementSyntax or DoStatementSyntax or CatchClauseSyntax or FinallyClauseSyntax
                or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax or BinaryExpressionSyntax) return false;
        }
        return false;
    }

    private static bool Wakes(TypeModel model, IMethodSymbol member, HashSet<ISymbol> slots) => model.WakeOrigins(member).Overlaps(slots);

    private static string PollName(PollFacts poll) => poll.Symbol.MethodKind == MethodKind.AnonymousFunction ? "lambda" : poll.Symbol.Name;
}
