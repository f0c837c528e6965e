using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>WAKE001: a path of a poll method returns Pending without registering the waker.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class LostWakeupAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.LostWakeup);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = WakersSymbols.TryCreate(start.Compilation);
            if (symbols is null) return;
            var cache = RegistrationCache.For(start.Compilation, symbols);
            var outsidePoll = cache.OutsidePoll;
            start.RegisterPollMethodAction(symbols, (poll, block) =>
            {
                var analysis = cache.Analyze(poll, block.CancellationToken);
                if (analysis.LostReturns.Count == 0) return;
                // A waker kept since construction (a Start method, a constructor) is WAKE002's stale waker, not a lost one.
                if (!analysis.StoresWaker && outsidePoll.HasWakerKeptOutsidePolls(poll.Symbol.ContainingType)) return;
                foreach (var at in analysis.LostReturns)
                {
                    block.ReportDiagnostic(Diagnostic.Create(Descriptors.LostWakeup, at.GetLocation(), poll.DisplayName));
                }
            });
        });
    }
}
