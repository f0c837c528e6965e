using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>WAKE002: the waker is stored once (guarded by a null or flag check, or captured outside any poll) and never refreshed.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StaleWakerAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.StaleWaker);

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
                foreach (var stale in cache.Analyze(poll, block.CancellationToken).StaleStores)
                {
                    block.ReportDiagnostic(Diagnostic.Create(Descriptors.StaleWaker, stale.At.GetLocation(), poll.DisplayName, stale.Guard));
                }
            });
            start.RegisterSymbolAction(symbolContext => AnalyzerGuard.Run(symbolContext.Symbol, () =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                var stores = outsidePoll.StaleStores(type);
                if (stores.IsEmpty) return;
                var poll = type.GetMembers().OfType<IMethodSymbol>().First(symbols.IsPollMethod);
                foreach (var store in stores)
                {
                    symbolContext.ReportDiagnostic(Diagnostic.Create(Descriptors.StaleWaker, store.GetLocation(), poll.Name, "the future is set up, outside any poll"));
                }
            }), SymbolKind.NamedType);
        });
    }
}
