using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.Analyzers.Tests.Verifier.SelfTests;

/// <summary>Removes a <c>Thread.Sleep(...);</c> statement that sits directly in a block; offers nothing elsewhere.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class RemoveSleepFix : CodeFixProvider
{
    public const string Title = "Remove the sleep";

    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(SleepInPollAnalyzer.Rule.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not InvocationExpressionSyntax { Parent: ExpressionStatementSyntax { Parent: BlockSyntax } statement }) return;
        context.RegisterCodeFix(CodeAction.Create("Keep the sleep", _ => Task.FromResult(context.Document), equivalenceKey: "keep"), context.Diagnostics);
        context.RegisterCodeFix(
            CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!)), equivalenceKey: Title),
            context.Diagnostics);
    }
}

/// <summary>Offers its action nested in a group, to prove nested actions are found by title.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class NestedRemoveSleepFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(SleepInPollAnalyzer.Rule.Id);

    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not InvocationExpressionSyntax { Parent: ExpressionStatementSyntax statement }) return;
        var remove = CodeAction.Create(RemoveSleepFix.Title,
            _ => Task.FromResult(context.Document.WithSyntaxRoot(root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia)!)), RemoveSleepFix.Title);
        context.RegisterCodeFix(CodeAction.Create("Sleep fixes", ImmutableArray.Create(remove), isInlinable: false), context.Diagnostics);
    }
}

/// <summary>Breaks the code: replaces the sleep with an undefined call, to prove the "fixed code compiles" check.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class BreakingFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(SleepInPollAnalyzer.Rule.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not InvocationExpressionSyntax call) return;
        var broken = SyntaxFactory.ParseExpression("NoSuchMethod()").WithTriviaFrom(call);
        context.RegisterCodeFix(
            CodeAction.Create("Break it", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(call, broken))), "break"),
            context.Diagnostics);
    }
}

/// <summary>Changes the argument but keeps the sleep, to prove the "diagnostic is gone" check.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class UselessFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(SleepInPollAnalyzer.Rule.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span) is not InvocationExpressionSyntax call || call.ArgumentList.Arguments.Count != 1) return;
        var argument = call.ArgumentList.Arguments.Single();
        var two = argument.WithExpression(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(2)));
        context.RegisterCodeFix(
            CodeAction.Create("Sleep less", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(argument, two))), "less"),
            context.Diagnostics);
    }
}

/// <summary>Replaces the sleep with an unused local, to prove the "no new diagnostic" check (CS0219 is a new warning).</summary>
[ExportCodeFixProvider(LanguageNames.CSharp), Shared]
public sealed class WarningFix : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(SleepInPollAnalyzer.Rule.Id);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<ExpressionStatementSyntax>() is not { } statement) return;
        var unused = SyntaxFactory.ParseStatement("int unused = 1;").WithTriviaFrom(statement);
        context.RegisterCodeFix(
            CodeAction.Create("Leave an unused local", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(statement, unused))), "unused"),
            context.Diagnostics);
    }
}
