using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Wakers.Analyzers.Flow;

namespace Wakers.Analyzers.Rules;

/// <summary>
/// WAKE008: <c>x.Poll(cx);</c>, <c>x?.Poll(cx);</c> or <c>_ = x.Poll(cx);</c>: a poll method's answer thrown away.
/// Reported wherever it happens, except when the Context is foreign: inside a function with a Context parameter that
/// is WAKE003's alone, and a function without one that polls with a Context it built (a no-op drive) is not judged.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class DiscardedPollAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc />
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.DiscardedPoll);

    /// <inheritdoc />
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            var symbols = WakersSymbols.TryCreate(start.Compilation);
            if (symbols is null) return;
            start.RegisterOperationAction(
                statement => AnalyzerGuard.Run(statement.ContainingSymbol, () => OnStatement(statement, symbols)),
                OperationKind.ExpressionStatement);
        });
    }

    private static void OnStatement(OperationAnalysisContext statement, WakersSymbols symbols)
    {
        var expression = ((IExpressionStatementOperation)statement.Operation).Operation;
        if (expression is ISimpleAssignmentOperation { Target: IDiscardOperation } discard) expression = discard.Value;
        expression = FunctionOperations.Strip(expression);
        if (expression is IConditionalAccessOperation access) expression = FunctionOperations.Strip(access.WhenNotNull);
        if (expression is not IInvocationOperation call || ContextOrigin.ContextArgument(call, symbols) is not { } argument) return;
        if (OriginOf(argument, statement.ContainingSymbol, symbols) == Origin.Foreign) return;
        statement.ReportDiagnostic(Diagnostic.Create(Descriptors.DiscardedPoll, ContextOrigin.CallLocation(call), Describe(call)));
    }

    private static Origin OriginOf(IArgumentOperation argument, ISymbol containing, WakersSymbols symbols)
    {
        var function = FunctionOperations.EnclosingFunction(argument);
        var (method, body) = function switch
        {
            IAnonymousFunctionOperation lambda => (lambda.Symbol, (IOperation)lambda.Body),
            ILocalFunctionOperation local when (local.Body ?? local.IgnoredBody) is { } b => (local.Symbol, b),
            _ => (containing as IMethodSymbol, FunctionOperations.Root(argument)),
        };
        return method is null ? Origin.Unknown : new ContextOrigin(symbols, method, body).OfContext(argument.Value);
    }

    private static string Describe(IInvocationOperation call)
    {
        var receiver = call.Instance?.Syntax.ToString();
        return receiver is null || receiver.Length > 60 || call.Instance is IConditionalAccessInstanceOperation
            ? call.TargetMethod.Name
            : receiver + "." + call.TargetMethod.Name;
    }
}
