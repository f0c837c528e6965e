using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace Wakers.CodeFixes;

/// <summary>
/// A fix of one diagnostic id under one title that rewrites the document's syntax root: offered wherever the rewrite
/// applies, applied by rewriting again on the current document, and fixed all at once by the batch fixer.
/// </summary>
public abstract class RewriteFix : CodeFixProvider
{
    private readonly string _title;

    private protected RewriteFix(string diagnosticId, string title)
    {
        FixableDiagnosticIds = ImmutableArray.Create(diagnosticId);
        _title = title;
    }

    /// <inheritdoc />
    public sealed override ImmutableArray<string> FixableDiagnosticIds { get; }

    /// <inheritdoc />
    public sealed override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (Rewrite(root, model, diagnostic) is null) continue;
            context.RegisterCodeFix(CodeAction.Create(_title, ct => FixAsync(context.Document, diagnostic, ct), _title), diagnostic);
        }
    }

    /// <summary>The rewritten root, or null when the code around <paramref name="diagnostic"/> is not a shape this fix knows.</summary>
    private protected abstract SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic);

    /// <summary>What follows the rewrite (formatting, for a fix that builds new statements).</summary>
    private protected virtual Task<Document> FinishAsync(Document document, CancellationToken cancellationToken) => Task.FromResult(document);

    private async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || Rewrite(root, model, diagnostic) is not { } fixedRoot) return document;
        return await FinishAsync(document.WithSyntaxRoot(fixedRoot), cancellationToken).ConfigureAwait(false);
    }
}
