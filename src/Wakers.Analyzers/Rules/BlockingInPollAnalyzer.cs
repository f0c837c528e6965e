using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>
/// WAKE007: a blocking call inside a poll method, or inside a method of the same type (or a local function) that a
/// poll method calls, up to a few calls deep: a helper every poll calls is part of that poll, whatever its accessibility.
/// <c>.Result</c>, <c>GetAwaiter().GetResult()</c> and <c>Task.Wait</c> on a task known completed on that path are fine.
/// A project adds its own blocking methods with <c>wakers.blocking_methods</c> (<see cref="ConfiguredBlockingMethods"/>).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class BlockingInPollAnalyzer : DiagnosticAnalyzer
{
    private const int MaxHelperDepth = 4;

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.BlockingInPoll);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = WakersSymbols.TryCreate(start.Compilation);
            if (symbols is null) return;
            var configured = new ConfiguredBlockingMethods(start.Options.AnalyzerConfigOptionsProvider, start.Compilation.SyntaxTrees);
            var words = new Words(BlockingCalls.NewSourceWords(configured.MethodNames), KnownCompletedTasks.NewContinuationWords());
            start.RegisterSymbolStartAction(typeStart => AnalyzerGuard.Run(typeStart.Symbol, () => OnType(typeStart, symbols, words, configured)), SymbolKind.NamedType);
        });
    }

    /// <summary>One function of the type: a poll method or a helper, with its graph only where facts about tasks matter.</summary>
    private sealed class Unit
    {
        private readonly System.Func<ControlFlowGraph?> _graph;

        public Unit(IMethodSymbol function, bool isPoll, string name, BlockingCallsInGraph operations, System.Func<ControlFlowGraph?> graph)
        {
            Function = function;
            IsPoll = isPoll;
            Name = name;
            Scan = operations;
            _graph = graph;
        }

        public IMethodSymbol Function { get; }
        public bool IsPoll { get; }
        public string Name { get; }

        /// <summary>The graph, built at the type's end for the polls and the helpers they reach, where facts can matter.</summary>
        public ControlFlowGraph? Graph { get; private set; }

        public void ScanGraph(INamedTypeSymbol type, HashSet<string> configured, IReadOnlyDictionary<string, string> flags)
        {
            if (!Scan.NeedsFacts || Graph is not null) return;
            Graph = _graph();
            if (Graph is not null) Scan = BlockingCallsInGraph.Scan(Function, Graph, type, configured, null, flags);
        }

        /// <summary>The scan with nothing known on entry: of the operation tree, replaced by the graph's at the type's end.</summary>
        public BlockingCallsInGraph Scan { get; set; }
    }

    /// <summary>Where source names a blocking call, and where it hands a task a continuation (per compilation).</summary>
    private sealed class Words
    {
        public Words(SourceWords blocking, SourceWords continuations)
        {
            Blocking = blocking;
            Continuations = continuations;
        }

        public SourceWords Blocking { get; }
        public SourceWords Continuations { get; }
    }

    private static void OnType(SymbolStartAnalysisContext typeStart, WakersSymbols symbols, Words words, ConfiguredBlockingMethods configuredMethods)
    {
        var type = (INamedTypeSymbol)typeStart.Symbol;
        // A type whose source names no blocking call cannot block: nothing to do.
        if (!words.Blocking.AnyIn(type)) return;
        var configured = configuredMethods.For(type);
        var hasContinuations = words.Continuations.AnyIn(type);
        var units = new ConcurrentDictionary<IMethodSymbol, Unit>(SymbolEqualityComparer.Default);
        var flags = new ConcurrentDictionary<string, string>();

        typeStart.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block.OwningSymbol, () =>
        {
            if (!SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type)) return;
            foreach (var function in FunctionOperations.All(block))
            {
                var isPoll = symbols.IsPollMethod(function.Symbol);
                // Lambdas that are not poll methods are nobody's helper.
                if (!isPoll && function.Symbol.MethodKind == MethodKind.AnonymousFunction) continue;
                var scan = BlockingCallsInGraph.ScanOperations(function.Symbol, function.Body, type, configured);
                if (scan.Sites.Count == 0 && scan.Calls.Count == 0) continue;
                var name = function.Symbol.MethodKind == MethodKind.AnonymousFunction ? "lambda" : function.Symbol.Name;
                var body = function;
                units.TryAdd(function.Symbol.OriginalDefinition, new Unit(function.Symbol, isPoll, name, scan, () => FunctionGraphs.Of(block, body)));
            }
            if (hasContinuations) KnownCompletedTasks.CollectCompletionFlags(block.OperationBlocks, flags);
        }));

        typeStart.RegisterSymbolEndAction(end => AnalyzerGuard.Run(type, () =>
        {
            foreach (var unit in units.Values)
            {
                if (!unit.IsPoll) continue;
                unit.ScanGraph(type, configured, flags);
                foreach (var site in unit.Scan.Sites)
                {
                    if (!site.KnownCompleted) end.ReportDiagnostic(Create(site, unit.Name));
                }
            }
            ReportHelpers(end, units, type, configured, flags);
        }));
    }

    // Walks from every poll method through the helpers it calls; a helper's entry knows the fields its callers knew completed.
    private static void ReportHelpers(SymbolAnalysisContext end, ConcurrentDictionary<IMethodSymbol, Unit> units, INamedTypeSymbol type,
        HashSet<string> configured, IReadOnlyDictionary<string, string> flags)
    {
        var reachedFrom = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
        var entry = new Dictionary<IMethodSymbol, HashSet<string>>(SymbolEqualityComparer.Default);
        var frontier = units.Where(u => u.Value.IsPoll).Select(u => u.Key).ToList();
        foreach (var poll in frontier) entry[poll] = new HashSet<string>();
        for (var depth = 0; depth < MaxHelperDepth && frontier.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var caller in frontier)
            {
                var from = reachedFrom.TryGetValue(caller, out var poll) ? poll : units[caller].Name;
                var callerEntry = entry[caller];
                foreach (var call in units[caller].Scan.Calls)
                {
                    if (!units.TryGetValue(call.Callee, out var callee) || callee.IsPoll) continue;
                    callee.ScanGraph(type, configured, flags); // only helpers a poll reaches need their graph
                    // Only fields carry over: the caller's locals and parameters mean nothing in the callee.
                    var known = new HashSet<string>(call.KnownCompleted.Concat(callerEntry).Where(k => k.StartsWith("F:", System.StringComparison.Ordinal)));
                    if (entry.TryGetValue(call.Callee, out var before)) before.IntersectWith(known);
                    else
                    {
                        entry[call.Callee] = known;
                        reachedFrom[call.Callee] = from;
                        next.Add(call.Callee);
                    }
                }
            }
            frontier = next;
        }
        foreach (var pair in reachedFrom)
        {
            var unit = units[pair.Key];
            var known = entry[pair.Key];
            var scan = known.Count == 0 || unit.Graph is null ? unit.Scan : BlockingCallsInGraph.Scan(unit.Function, unit.Graph, type, configured, known, flags);
            foreach (var site in scan.Sites)
            {
                if (!site.KnownCompleted) end.ReportDiagnostic(Create(site, pair.Value));
            }
        }
    }

    private static Diagnostic Create(BlockingSite site, string pollName) =>
        Diagnostic.Create(Descriptors.BlockingInPoll, site.Operation.Syntax.GetLocation(), site.Name, pollName);
}
