using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Wakers.Analyzers.Flow;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// The IDE cancels an analysis on every keystroke. WAKE001/WAKE002's dataflow and the type rules' scan of a huge poll
/// method stop soon after the token is cancelled, and the analysis the rules share is not left poisoned by it.
/// </summary>
public class CancellationTests
{
    [Fact]
    public void ACancelledAnalysisStopsEarlyAndTheNextRequestComputesIt()
    {
        var (cache, poll, tree, _) = HugePoll(2_000);
        var before = RegistrationWork.Of(tree);
        using (var cancelled = new CancellationTokenSource())
        {
            cancelled.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => cache.Analyze(poll, cancelled.Token));
        }
        var cancelledWork = RegistrationWork.Of(tree) - before;
        // A poisoned cache would make the next request fail or spin: a generous bound turns a spin into a failure.
        using var hangGuard = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var analysis = cache.Analyze(poll, hangGuard.Token);
        var fullWork = RegistrationWork.Of(tree) - before - cancelledWork;
        Assert.NotEmpty(analysis.LostReturns);
        Assert.True(cancelledWork * 20 < fullWork, $"the cancelled run did {cancelledWork:N0} units of the full run's {fullWork:N0}: it did not stop early");
        // Computed once: a second request is served from the cache.
        Assert.Same(analysis, cache.Analyze(poll, CancellationToken.None));
        Assert.Equal(before + cancelledWork + fullWork, RegistrationWork.Of(tree));
    }

    /// <summary>The type rules' readiness scan of a poll (the part of their work that grows with the method) stops too.</summary>
    [Fact]
    public void TheTypeRulesScanStopsWhenCancelled()
    {
        var (_, poll, _, symbols) = HugePoll(2_000);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => ReadinessReads.Collect(poll, poll.Symbol, symbols, poll.Symbol.ContainingType, cancelled.Token));
        Assert.NotEmpty(ReadinessReads.Collect(poll, poll.Symbol, symbols, poll.Symbol.ContainingType, CancellationToken.None).Stores);
    }

    /// <summary>The questions the type rules ask later of a poll's reads and stores stop too, and leave nothing half-made behind.</summary>
    [Fact]
    public void TheTypeRulesQuestionsStopWhenCancelled()
    {
        var (_, poll, _, symbols) = HugePoll(2_000);
        var facts = ReadinessReads.Collect(poll, poll.Symbol, symbols, poll.Symbol.ContainingType, CancellationToken.None);
        var store = facts.Stores.Last(s => s.Block >= 0);
        var token = new CancellationTokenSource();
        token.Cancel();
        var order = new StoreReadOrder(facts.Graph!, _ => true, () => token.Token);
        Assert.ThrowsAny<OperationCanceledException>(() => order.UnheldReadBefore(store));
        // The same order, asked again by someone whose token is live, answers as a fresh one does.
        token = new CancellationTokenSource();
        var fresh = new StoreReadOrder(facts.Graph!, _ => true);
        Assert.Equal(fresh.UnheldReadBefore(store)?.Node, order.UnheldReadBefore(store)?.Node);
        Assert.NotNull(fresh.UnheldReadBefore(store));
    }

    private static (RegistrationCache Cache, PollMethod Poll, SyntaxTree Tree, WakersSymbols Symbols) HugePoll(int lines)
    {
        var compilation = TestProject.Compile(StressSources.HugePoll(lines));
        compilation = compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable));
        var tree = compilation.SyntaxTrees.Single();
        var model = compilation.GetSemanticModel(tree);
        var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "Poll");
        var symbol = (IMethodSymbol)model.GetDeclaredSymbol(declaration)!;
        var graph = ControlFlowGraph.Create((IMethodBodyOperation)model.GetOperation(declaration)!);
        var symbols = WakersSymbols.TryCreate(compilation)!;
        return (RegistrationCache.For(compilation, symbols), new PollMethod(symbol, symbol.Parameters[0], graph, declaration), tree, symbols);
    }
}
