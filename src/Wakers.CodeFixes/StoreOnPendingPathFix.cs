using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.CodeFixes;

/// <summary>WAKE009: moves the store after the readiness checks, just before the Pending return of the same block.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(StoreOnPendingPathFix))]
[Shared]
public sealed class StoreOnPendingPathFix : RewriteFix
{
    /// <summary>Creates the fix.</summary>
    public StoreOnPendingPathFix()
        : base("WAKE009", "Store the waker on the Pending path")
    {
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

    private protected override SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (Plan(root, model, diagnostic) is not var (store, pending)) return null;
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
        return root.ReplaceNode(block, block.WithStatements(statements));
    }
}
