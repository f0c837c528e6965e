using System.Collections.Immutable;
using System.Linq;
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
    /// <remarks>
    /// Not the batch fixer, which computes every fix on the original document and merges them: one fix may depend on
    /// another (WAKE002's fix drops a flag only once no other guard reads it), so the fixes are applied in order, each on
    /// the document the previous ones left, exactly as fixing them one by one would.
    /// </remarks>
    public sealed override FixAllProvider GetFixAllProvider() => new InOrder(this, _title);

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

    // Each diagnostic's nodes (its location, then its additional ones) are tracked through the earlier fixes' rewrites.
    private async Task<Document> FixInOrderAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root is null) return document;
        var ordered = diagnostics.Where(d => d.Location.SourceTree == root.SyntaxTree).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        var nodes = ordered.Select(d => new[] { d.Location }.Concat(d.AdditionalLocations)
            .Select(l => l.SourceTree == root.SyntaxTree ? root.FindNode(l.SourceSpan, getInnermostNodeForTie: true) : null).ToList()).ToList();
        document = document.WithSyntaxRoot(root.TrackNodes(nodes.SelectMany(n => n).OfType<SyntaxNode>()));
        for (var i = 0; i < ordered.Count; i++)
        {
            root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null) return document;
            var current = nodes[i].Select(n => n is null ? null : root.GetCurrentNode(n)).ToList();
            // A node an earlier fix rewrote away: that fix took care of this diagnostic too.
            if (current.Where((n, k) => n is null && nodes[i][k] is not null).Any()) continue;
            var original = ordered[i];
            var diagnostic = Diagnostic.Create(original.Descriptor, Location.Create(root.SyntaxTree, current[0]!.Span),
                original.AdditionalLocations.Select((l, k) => current[k + 1] is { } n ? Location.Create(root.SyntaxTree, n.Span) : l), original.Properties);
            if (Rewrite(root, model, diagnostic) is not { } fixedRoot) continue;
            document = await FinishAsync(document.WithSyntaxRoot(fixedRoot), cancellationToken).ConfigureAwait(false);
        }
        return document;
    }

    private sealed class InOrder : DocumentBasedFixAllProvider
    {
        private readonly RewriteFix _fix;
        private readonly string _title;

        public InOrder(RewriteFix fix, string title)
        {
            _fix = fix;
            _title = title;
        }

        protected override string GetFixAllTitle(FixAllContext fixAllContext) => _title;

        protected override async Task<Document?> FixAllAsync(FixAllContext fixAllContext, Document document, ImmutableArray<Diagnostic> diagnostics) =>
            await _fix.FixInOrderAsync(document, diagnostics, fixAllContext.CancellationToken).ConfigureAwait(false);
    }

    private async Task<Document> FixAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || Rewrite(root, model, diagnostic) is not { } fixedRoot) return document;
        return await FinishAsync(document.WithSyntaxRoot(fixedRoot), cancellationToken).ConfigureAwait(false);
    }
}
