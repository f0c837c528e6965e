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
            start.RegisterSymbolStartAction(typeStart => AnalyzerGuard.Run(typeStart.Symbol, () => OnType(typeStart, symbols)), SymbolKind.NamedType);
        });
    }

    private static void OnType(SymbolStartAnalysisContext typeStart, WakersSymbols symbols)
    {
        var type = (INamedTypeSymbol)typeStart.Symbol;
        var polledWithCx = new ConcurrentDictionary<ISymbol, bool>(SymbolEqualityComparer.Default);
        var outsidePolls = new ConcurrentBag<(ISymbol Member, IInvocationOperation Call)>();

        typeStart.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block.OwningSymbol, () =>
        {
            if (!SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type)) return;
            foreach (var function in FunctionOperations.All(block))
            {
                var origin = new ContextOrigin(symbols, function.Symbol, function.Body);
                foreach (var op in FunctionOperations.Own(function.Body))
                {
                    if (op is not IInvocationOperation call || ContextOrigin.ContextArgument(call, symbols) is not { } argument) continue;
                    var member = ContextOrigin.PolledMember(call);
                    var kind = origin.OfContext(argument.Value);
                    if (origin.Context is not null)
                    {
                        if (kind == Origin.Foreign) block.ReportDiagnostic(Create(call, argument, origin.Context));
                        else if (kind == Origin.Own && member is not null) polledWithCx[member] = true;
                    }
                    else if (kind == Origin.Foreign && member is not null)
                    {
                        outsidePolls.Add((member, call));
                    }
                }
            }
        }));

        typeStart.RegisterSymbolEndAction(end => AnalyzerGuard.Run(type, () =>
        {
            foreach (var (member, call) in outsidePolls)
            {
                if (polledWithCx.ContainsKey(member)) end.ReportDiagnostic(Create(call, null, null));
            }
        }));
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
