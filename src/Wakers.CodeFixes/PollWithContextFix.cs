using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Wakers.Analyzers.Rules;

namespace Wakers.CodeFixes;

/// <summary>WAKE003: polls the inner future with the poll method's own Context instead of the foreign one.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PollWithContextFix))]
[Shared]
public sealed class PollWithContextFix : CodeFixProvider
{
    private const string EquivalenceKey = "Wakers.PollWithContext";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("WAKE003");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => new FixAll();

    /// <inheritdoc />
    public override Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        foreach (var diagnostic in context.Diagnostics)
        {
            // Only a diagnostic inside a poll method carries the name of a Context to poll with.
            if (!diagnostic.Properties.TryGetValue(ForeignContextAnalyzer.ContextNameProperty, out var name) || name is null) continue;
            if (diagnostic.AdditionalLocations.Count == 0) continue;
            context.RegisterCodeFix(
                CodeAction.Create($"Poll with '{name}'", ct => FixAsync(context.Document, new[] { diagnostic }, ct), EquivalenceKey),
                diagnostic);
        }
        return Task.CompletedTask;
    }

    private static async Task<Document> FixAsync(Document document, IReadOnlyCollection<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return document;
        var editor = new SyntaxEditor(root, document.Project.Solution.Services);
        var replaced = new HashSet<SyntaxNode>();
        var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
        foreach (var diagnostic in diagnostics)
        {
            if (!diagnostic.Properties.TryGetValue(ForeignContextAnalyzer.ContextNameProperty, out var name) || name is null) continue;
            if (diagnostic.AdditionalLocations.Count == 0) continue;
            if (root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax argument) continue;
            if (argument.Parent is ArgumentSyntax wrapper && wrapper.Expression != argument) continue;
            if (!replaced.Add(argument)) continue;
            if (model.GetSymbolInfo(argument, cancellationToken).Symbol is ILocalSymbol local) locals.Add(local);
            editor.ReplaceNode(argument, SyntaxFactory.IdentifierName(name).WithTriviaFrom(argument));
        }
        foreach (var local in locals)
        {
            if (UnusedAfterFix(local, root, model, replaced, cancellationToken) is { } declaration)
            {
                editor.RemoveNode(declaration, SyntaxRemoveOptions.KeepNoTrivia);
            }
        }
        return document.WithSyntaxRoot(editor.GetChangedRoot());
    }

    // `var quiet = new Context(Waker.Noop);` whose only uses were the replaced arguments: the declaration can go.
    private static LocalDeclarationStatementSyntax? UnusedAfterFix(ILocalSymbol local, SyntaxNode root, SemanticModel model,
        HashSet<SyntaxNode> replaced, CancellationToken cancellationToken)
    {
        if (local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator) return null;
        if (declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1 } || declarator.Parent.Parent is not LocalDeclarationStatementSyntax statement) return null;
        if (declarator.Initializer?.Value is not { } initializer || !IsQuiet(initializer)) return null;
        var scope = statement.Parent ?? root;
        foreach (var identifier in scope.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.Identifier.ValueText != local.Name || replaced.Contains(identifier)) continue;
            if (SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(identifier, cancellationToken).Symbol, local)) return null;
        }
        return statement;
    }

    // An initializer whose removal changes nothing but the local: no calls, no assignments.
    private static bool IsQuiet(ExpressionSyntax initializer) =>
        !initializer.DescendantNodesAndSelf().Any(n =>
            n is InvocationExpressionSyntax or AssignmentExpressionSyntax or PostfixUnaryExpressionSyntax or PrefixUnaryExpressionSyntax
                or AnonymousFunctionExpressionSyntax
            || n is ObjectCreationExpressionSyntax { Type: var t } && !t.ToString().EndsWith("Context", System.StringComparison.Ordinal)
            || n is ImplicitObjectCreationExpressionSyntax && n.Parent is not EqualsValueClauseSyntax);

    // Applies every WAKE003 fix of a document in one edit, so a shared local is removed once its last use is replaced.
    private sealed class FixAll : DocumentBasedFixAllProvider
    {
        protected override string GetFixAllTitle(FixAllContext fixAllContext) => "Poll with the poll method's Context";

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            await FixAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
    }
}
