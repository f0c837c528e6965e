using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>
/// WAKE003: a future polled with a Context whose waker is not this task's. Inside a function with a Context parameter
/// every foreign poll is reported; elsewhere only polls of a field or property that a poll method of the same type
/// polls with its own cx (there the foreign waker replaces the real registration).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ForeignContextAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The property naming the poll method's Context parameter, for the code fix.</summary>
    public const string ContextNameProperty = "ContextName";

    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.ForeignContext);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = WakersSymbols.TryCreate(start.Compilation);
            if (symbols is null) return;
            var words = new ContextOriginWords(start.Compilation, symbols);
            start.RegisterSymbolStartAction(typeStart => AnalyzerGuard.Run(typeStart.Symbol, () => OnType(typeStart, symbols, words)), SymbolKind.NamedType);
        });
    }

    private const int MaxHelperDepth = 4;

    private sealed class OutsidePoll
    {
        public OutsidePoll(IMethodSymbol function, ISymbol? member, IInvocationOperation call, bool dead)
        {
            Function = function;
            Member = member;
            Call = call;
            Dead = dead;
        }

        public IMethodSymbol Function { get; }
        public ISymbol? Member { get; }
        public IInvocationOperation Call { get; }
        public bool Dead { get; }
    }

    private static void OnType(SymbolStartAnalysisContext typeStart, WakersSymbols symbols, ContextOriginWords words)
    {
        var type = (INamedTypeSymbol)typeStart.Symbol;
        // A foreign Context is built (new, default) in the function that polls with it: a type without one has none.
        if (!words.AnyIn(type)) return;
        var polledWithCx = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        var outsidePolls = new ConcurrentBag<OutsidePoll>();
        var pollFunctions = new ConcurrentBag<IMethodSymbol>();
        var calls = new ConcurrentDictionary<IMethodSymbol, List<IMethodSymbol>>(SymbolEqualityComparer.Default);
        // Members that build no Context only tell which fields the polls poll with cx, and which helpers they call:
        // read only when some member polls with a foreign Context outside a poll.
        var unbuilt = new ConcurrentQueue<IEnumerable<FunctionBody>>();

        void Visit(IEnumerable<FunctionBody> functions, Action<Diagnostic> report)
        {
            foreach (var function in functions)
            {
                var origin = new ContextOrigin(symbols, function.Symbol, function.Body);
                ContextOrigin? deadOnly = null;
                var callees = new List<IMethodSymbol>();
                if (origin.Context is not null) pollFunctions.Add(function.Symbol.OriginalDefinition);
                foreach (var op in FunctionOperations.Own(function.Body))
                {
                    if (op is not IInvocationOperation call) continue;
                    if (IsHelper(call.TargetMethod, type)) callees.Add(call.TargetMethod.OriginalDefinition);
                    if (ContextOrigin.ContextArgument(call, symbols) is not { } argument) continue;
                    var member = ContextOrigin.PolledMember(call);
                    var kind = origin.OfContext(argument.Value);
                    if (origin.Context is not null)
                    {
                        if (kind == Origin.Foreign) report(Create(call, argument, origin.Context));
                        else if (kind == Origin.Own && member is not null) polledWithCx[member] = true;
                    }
                    else if (kind == Origin.Foreign)
                    {
                        // A helper that a poll calls is part of that poll: there a waker that wakes nobody is foreign too.
                        deadOnly ??= new ContextOrigin(symbols, function.Symbol, function.Body, deadOnly: true);
                        var dead = deadOnly.OfContext(argument.Value) == Origin.Foreign;
                        outsidePolls.Add(new OutsidePoll(function.Symbol.OriginalDefinition, member, call, dead));
                    }
                }
                if (callees.Count > 0) calls[function.Symbol.OriginalDefinition] = callees;
            }
        }

        typeStart.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block.OwningSymbol, () =>
        {
            if (!SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type)) return;
            if (words.BuildsContext(block)) Visit(FunctionOperations.All(block), block.ReportDiagnostic);
            else unbuilt.Enqueue(FunctionOperations.All(block));
        }));

        typeStart.RegisterSymbolEndAction(end => AnalyzerGuard.Run(type, () =>
        {
            if (outsidePolls.IsEmpty) return;
            foreach (var functions in unbuilt) Visit(functions, end.ReportDiagnostic);
            var reached = Reached(pollFunctions, calls);
            foreach (var poll in outsidePolls)
            {
                if ((poll.Member is not null && polledWithCx.ContainsKey(poll.Member)) || (poll.Dead && reached.Contains(poll.Function)))
                {
                    end.ReportDiagnostic(Create(poll.Call, null, null));
                }
            }
        }));
    }

    // Private methods of the type and local functions: the helpers a poll can call.
    private static bool IsHelper(IMethodSymbol target, INamedTypeSymbol type) =>
        target.MethodKind == MethodKind.LocalFunction
        || (target.DeclaredAccessibility == Accessibility.Private
            && SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, type.OriginalDefinition));

    private static HashSet<IMethodSymbol> Reached(IEnumerable<IMethodSymbol> roots, ConcurrentDictionary<IMethodSymbol, List<IMethodSymbol>> calls)
    {
        var reached = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var frontier = new List<IMethodSymbol>(roots);
        for (var depth = 0; depth < MaxHelperDepth && frontier.Count > 0; depth++)
        {
            var next = new List<IMethodSymbol>();
            foreach (var caller in frontier)
            {
                if (!calls.TryGetValue(caller, out var callees)) continue;
                foreach (var callee in callees)
                {
                    if (reached.Add(callee)) next.Add(callee);
                }
            }
            frontier = next;
        }
        return reached;
    }

    private static Diagnostic Create(IInvocationOperation call, IArgumentOperation? argument, IParameterSymbol? context)
    {
        var name = call.TargetMethod.Name;
        var receiver = call.Instance?.Syntax.ToString();
        var what = receiver is null || receiver.Length > 60 ? name : receiver;
        if (argument is null || context is null)
        {
            return Diagnostic.Create(Descriptors.ForeignContext, ContextOrigin.CallLocation(call), what);
        }
        var properties = ImmutableDictionary<string, string?>.Empty.Add(ContextNameProperty, context.Name);
        return Diagnostic.Create(Descriptors.ForeignContext, ContextOrigin.CallLocation(call),
            new[] { argument.Value.Syntax.GetLocation() }, properties, what);
    }
}
