using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.CodeFixes;

/// <summary>WAKE009: moves the store after the readiness checks, just before the Pending return of the same block.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(StoreOnPendingPathFix))]
[Shared]
public sealed class StoreOnPendingPathFix : CodeFixProvider
{
    private const string Title = "Store the waker on the Pending path";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("WAKE009");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Plan(root, model, diagnostic) is null) continue;
            context.RegisterCodeFix(CodeAction.Create(Title, ct => FixAsync(context.Document, diagnostic, ct), Title), diagnostic);
        }
    }

    // The store's statement and the `return Poll<T>.Pending;` that follows it in the same block.
    private static (StatementSyntax Store, StatementSyntax Pending)? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        var storeNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (TypeFixSyntax.StatementInBlock(storeNode) is not ExpressionStatementSyntax { Parent: BlockSyntax block } store) return null;
        for (var i = block.Statements.IndexOf(store) + 1; i < block.Statements.Count; i++)
        {
            if (block.Statements[i] is ReturnStatementSyntax { Expression: { } e } pending && IsPending(model, e))
            {
                return i == block.Statements.IndexOf(store) + 1 ? null : (store, pending);
            }
        }
        return null;
    }

    private static bool IsPending(SemanticModel model, ExpressionSyntax e) =>
        model.GetSymbolInfo(e).Symbol is IPropertySymbol { Name: "Pending", IsStatic: true } p
        && p.ContainingType.OriginalDefinition.ToDisplayString() == "Wakers.Poll<T>";

    private static async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || Plan(root, model, diagnostic) is not var (store, pending)) return document;
        var block = (BlockSyntax)store.Parent!;
        var storeIndex = block.Statements.IndexOf(store);
        var pendingIndex = block.Statements.IndexOf(pending);
        var next = block.Statements[storeIndex + 1];
        // The store takes the Pending return's place in the lines; the check that followed it takes the store's.
        var moved = store.WithLeadingTrivia(pending.GetLeadingTrivia()).WithTrailingTrivia(store.GetTrailingTrivia());
        var statements = block.Statements
            .Replace(next, next.WithLeadingTrivia(store.GetLeadingTrivia()))
            .RemoveAt(storeIndex)
            .Insert(pendingIndex - 1, moved);
        return document.WithSyntaxRoot(root.ReplaceNode(block, block.WithStatements(statements)));
    }
}
