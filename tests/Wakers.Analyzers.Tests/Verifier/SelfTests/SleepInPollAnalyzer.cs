using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

// Throwaway analyzers that only this test project loads, in-process: the shipping-analyzer rules do not apply.
#pragma warning disable RS1036, RS1038, RS1041, RS2008

namespace Wakers.Analyzers.Tests.Verifier.SelfTests;

/// <summary>A throwaway rule for testing the verifier: <c>Thread.Sleep(...)</c> inside a method named Poll.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SleepInPollAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Rule = new(
        "TEST001", "Sleep in Poll", "Thread.Sleep in '{0}'", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(Analyze, SyntaxKind.InvocationExpression);
    }

    private static void Analyze(SyntaxNodeAnalysisContext context)
    {
        var call = (InvocationExpressionSyntax)context.Node;
        if (call.Expression is not MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Sleep" }) return;
        if (context.SemanticModel.GetSymbolInfo(call, context.CancellationToken).Symbol is not IMethodSymbol { ContainingType.Name: "Thread" }) return;
        foreach (var method in call.Ancestors())
        {
            if (method is MethodDeclarationSyntax { Identifier.ValueText: "Poll" } poll)
            {
                context.ReportDiagnostic(Diagnostic.Create(Rule, call.GetLocation(), poll.Identifier.ValueText));
                return;
            }
        }
    }
}

/// <summary>Supports two ids, so <c>[|...|]</c> is ambiguous for it.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TwoIdAnalyzer : DiagnosticAnalyzer
{
    public static readonly DiagnosticDescriptor Other = new(
        "TEST002", "Other", "Other", "Test", DiagnosticSeverity.Warning, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(SleepInPollAnalyzer.Rule, Other);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
    }
}

/// <summary>Throws on every method declaration, to prove the verifier turns AD0001 into a failure.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
{
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(SleepInPollAnalyzer.Rule);

    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterSyntaxNodeAction(_ => throw new System.InvalidOperationException("deliberate analyzer bug"), SyntaxKind.MethodDeclaration);
    }
}
