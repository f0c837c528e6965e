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
/// WAKE007: a blocking call inside a poll method, or inside a private helper of the same type (or a local function)
/// that a poll method calls, up to a few calls deep: a helper every poll calls is part of that poll.
/// <c>.Result</c>, <c>GetAwaiter().GetResult()</c> and <c>Task.Wait</c> on a task known completed on that path are fine.
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
            start.RegisterSymbolStartAction(typeStart => AnalyzerGuard.Run(typeStart.Symbol, () => OnType(typeStart, symbols)), SymbolKind.NamedType);
        });
    }

    private sealed class Unit
    {
        public Unit(IMethodSymbol function, ControlFlowGraph graph, bool isPoll, string name)
        {
            Function = function;
            Graph = graph;
            IsPoll = isPoll;
            Name = name;
        }

        public IMethodSymbol Function { get; }
        public ControlFlowGraph Graph { get; }
        public bool IsPoll { get; }
        public string Name { get; }
        public BlockingCallsInGraph? Scan { get; set; }
    }

    private static void OnType(SymbolStartAnalysisContext typeStart, WakersSymbols symbols)
    {
        var type = (INamedTypeSymbol)typeStart.Symbol;
        if (!BlockingCalls.MayBlock(type)) return;
        // Private helpers only matter in a type with a poll method (a member, or maybe a lambda).
        var hasPollMember = type.GetMembers().Any(m => m is IMethodSymbol method && symbols.IsPollMethod(method));
        var hasLambda = type.DeclaringSyntaxReferences.Any(r => r.GetSyntax().DescendantNodes()
            .Any(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.LambdaExpressionSyntax));
        var units = new ConcurrentDictionary<IMethodSymbol, Unit>(SymbolEqualityComparer.Default);
        var flags = new ConcurrentDictionary<string, string>();

        typeStart.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block.OwningSymbol, () =>
        {
            if (!SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type)) return;
            foreach (var poll in PollMethodDiscovery.Find(block, symbols))
            {
                units[poll.Symbol.OriginalDefinition] = new Unit(poll.Symbol, poll.Graph, true, poll.DisplayName);
            }
            foreach (var (function, graph) in Helpers(block, symbols, hasPollMember || hasLambda))
            {
                units.TryAdd(function.OriginalDefinition, new Unit(function, graph, false, function.Name));
            }
            if (hasLambda) KnownCompletedTasks.CollectCompletionFlags(block.OperationBlocks, flags);
        }));

        typeStart.RegisterSymbolEndAction(end => AnalyzerGuard.Run(type, () =>
        {
            foreach (var unit in units.Values)
            {
                unit.Scan = BlockingCallsInGraph.Scan(unit.Function, unit.Graph, type, null, flags);
                if (!unit.IsPoll) continue;
                foreach (var site in unit.Scan.Sites)
                {
                    if (!site.KnownCompleted) end.ReportDiagnostic(Create(site, unit.Name));
                }
            }
            ReportHelpers(end, units, type, flags);
        }));
    }

    // Private methods and accessors, and local functions (also those inside lambdas), that are not poll methods themselves.
    private static IEnumerable<(IMethodSymbol Function, ControlFlowGraph Graph)> Helpers(OperationBlockAnalysisContext block, WakersSymbols symbols,
        bool privateMethods)
    {
        var owner = block.OwningSymbol as IMethodSymbol;
        var seen = new HashSet<IOperation>();
        foreach (var operationBlock in block.OperationBlocks)
        {
            var root = FunctionOperations.Root(operationBlock);
            if (!seen.Add(root) || root is not (IMethodBodyOperation or IBlockOperation)) continue;
            var ownerIsHelper = privateMethods && owner is not null && owner.DeclaredAccessibility == Accessibility.Private && !symbols.IsPollMethod(owner);
            var hasLocal = root.Syntax.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax>().Any();
            if (!ownerIsHelper && !hasLocal) continue;
            var graph = block.GetControlFlowGraph(operationBlock);
            if (ownerIsHelper) yield return (owner!, graph);
            if (!hasLocal) continue;
            var pending = new Stack<ControlFlowGraph>();
            pending.Push(graph);
            while (pending.Count > 0)
            {
                var g = pending.Pop();
                foreach (var local in g.LocalFunctions)
                {
                    var lg = g.GetLocalFunctionControlFlowGraph(local);
                    pending.Push(lg);
                    if (!symbols.IsPollMethod(local)) yield return (local, lg);
                }
                foreach (var b in g.Blocks)
                {
                    var ops = b.BranchValue is null ? b.Operations : b.Operations.Add(b.BranchValue);
                    foreach (var op in ops)
                    {
                        foreach (var lambda in op.DescendantsAndSelf().OfType<IFlowAnonymousFunctionOperation>())
                        {
                            pending.Push(g.GetAnonymousFunctionControlFlowGraph(lambda));
                        }
                    }
                }
            }
        }
    }

    // Walks from every poll method through the helpers it calls; a helper's entry knows the fields its callers knew completed.
    private static void ReportHelpers(SymbolAnalysisContext end, ConcurrentDictionary<IMethodSymbol, Unit> units, INamedTypeSymbol type,
        IReadOnlyDictionary<string, string> flags)
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
                foreach (var call in units[caller].Scan!.Calls)
                {
                    if (!units.TryGetValue(call.Callee, out var callee) || callee.IsPoll) continue;
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
            var scan = known.Count == 0 ? unit.Scan! : BlockingCallsInGraph.Scan(unit.Function, unit.Graph, type, known, flags);
            foreach (var site in scan.Sites)
            {
                if (!site.KnownCompleted) end.ReportDiagnostic(Create(site, pair.Value));
            }
        }
    }

    private static Diagnostic Create(BlockingSite site, string pollName) =>
        Diagnostic.Create(Descriptors.BlockingInPoll, site.Operation.Syntax.GetLocation(), site.Name, pollName);
}
