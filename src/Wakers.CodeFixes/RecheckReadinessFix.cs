using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.CodeFixes;

/// <summary>WAKE004: repeats the readiness check (with its Ready return) right after the waker is stored.</summary>
[ExportCodeFixProvider(Microsoft.CodeAnalysis.LanguageNames.CSharp, Name = nameof(RecheckReadinessFix))]
[Shared]
public sealed class RecheckReadinessFix : RewriteFix
{
    /// <summary>Creates the fix.</summary>
    public RecheckReadinessFix()
        : base("WAKE004", "Check readiness again after storing the waker")
    {
    }

    private protected override SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        if (Plan(root, diagnostic) is not var (store, check)) return null;
        var copy = TypeFixSyntax.Placed(check.WithoutTrivia(), store);
        return root.InsertNodesAfter(store, new[] { copy });
    }

    // The store's statement and the `if (ready) return Ready(...);` before it, when the copy will compile as it is.
    private static (StatementSyntax Store, IfStatementSyntax Check)? Plan(SyntaxNode root, Diagnostic diagnostic)
    {
        if (diagnostic.AdditionalLocations.Count == 0) return null;
        var storeNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (TypeFixSyntax.StatementInBlock(storeNode) is not ExpressionStatementSyntax store) return null;
        var readNode = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
        var check = readNode.AncestorsAndSelf().OfType<IfStatementSyntax>().FirstOrDefault(i => i.Condition.Span.Contains(readNode.Span));
        if (check is null || check.Else is not null || check.Span.Contains(store.Span) || check.SpanStart > store.SpanStart) return null;
        if (TypeFixSyntax.DeclaresVariables(check.Condition) || !ReturnsReady(check.Statement)) return null;
        return (store, check);
    }

    private static bool ReturnsReady(StatementSyntax statement) => statement switch
    {
        ReturnStatementSyntax r => r.Expression?.ToString().Contains("Ready") == true,
        BlockSyntax b => b.Statements.LastOrDefault() is ReturnStatementSyntax r && r.Expression?.ToString().Contains("Ready") == true
            && !b.Statements.Any(s => s is LocalDeclarationStatementSyntax),
        _ => false,
    };
}
