using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Wakers.Analyzers.Rules;

namespace Wakers.CodeFixes;

/// <summary>WAKE005: moves the wake (or the one-call take) after the writes that publish the state, outside their lock.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(WakeAfterPublishFix))]
[Shared]
public sealed class WakeAfterPublishFix : RewriteFix
{
    /// <summary>Creates the fix.</summary>
    public WakeAfterPublishFix()
        : base("WAKE005", "Wake after publishing")
    {
    }

    // The wake's statement and the later statement of the same block that holds the last publishing write.
    private static (StatementSyntax Wake, StatementSyntax After)? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (!diagnostic.Properties.ContainsKey(WakeBeforePublishAnalyzer.MovableProperty) || diagnostic.AdditionalLocations.Count == 0) return null;
        var wakeNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (TypeFixSyntax.StatementInBlock(wakeNode) is not { Parent: BlockSyntax block } wake) return null;
        var last = diagnostic.AdditionalLocations.OrderBy(l => l.SourceSpan.Start).Last();
        var writeNode = root.FindNode(last.SourceSpan, getInnermostNodeForTie: true);
        if (TypeFixSyntax.SiblingHolding(block, writeNode) is not { } after || after.SpanStart <= wake.SpanStart) return null;
        var from = block.Statements.IndexOf(wake) + 1;
        var to = block.Statements.IndexOf(after);
        if (TypeFixSyntax.UsesDeclaredNames(wake, block, from, to)) return null;
        return (wake, after);
    }

    private protected override SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (Plan(root, diagnostic) is not var (wake, after)) return null;
        var block = (BlockSyntax)wake.Parent!;
        var wakeIndex = block.Statements.IndexOf(wake);
        var afterIndex = block.Statements.IndexOf(after);
        // Remove first, then insert where the publishing statement now ends (indices of the original list).
        var statements = block.Statements.RemoveAt(wakeIndex).Insert(afterIndex, wake);
        return root.ReplaceNode(block, block.WithStatements(statements));
    }
}
