using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.CodeFixes;

/// <summary>Statement-level moves shared by the fixes of the type rules (WAKE004, WAKE005, WAKE009).</summary>
internal static class TypeFixSyntax
{
    /// <summary>The statement that is <paramref name="node"/> or holds it as its expression, when it sits directly in a block.</summary>
    public static StatementSyntax? StatementInBlock(SyntaxNode node)
    {
        for (var n = node; n is not null; n = n.Parent)
        {
            if (n is StatementSyntax statement)
            {
                return statement.Parent is BlockSyntax && statement is ExpressionStatementSyntax or LocalDeclarationStatementSyntax ? statement : null;
            }
        }
        return null;
    }

    /// <summary>The statement among <paramref name="block"/>'s own statements that contains <paramref name="node"/>.</summary>
    public static StatementSyntax? SiblingHolding(BlockSyntax block, SyntaxNode node)
    {
        foreach (var s in block.Statements)
        {
            if (s.Span.Contains(node.Span)) return s;
        }
        return null;
    }

    /// <summary>Whether any statement of <paramref name="block"/> from index <paramref name="from"/> to <paramref name="to"/> names a local <paramref name="moved"/> declares.</summary>
    public static bool UsesDeclaredNames(StatementSyntax moved, BlockSyntax block, int from, int to)
    {
        if (moved is not LocalDeclarationStatementSyntax declaration) return false;
        var names = declaration.Declaration.Variables.Select(v => v.Identifier.ValueText).ToList();
        for (var i = from; i <= to && i < block.Statements.Count; i++)
        {
            foreach (var id in block.Statements[i].DescendantNodesAndSelf().OfType<IdentifierNameSyntax>())
            {
                if (names.Contains(id.Identifier.ValueText)) return true;
            }
        }
        return false;
    }

    /// <summary>Whether a condition declares variables (<c>is { } m</c>, <c>out var v</c>): a copy beside it would declare them twice.</summary>
    public static bool DeclaresVariables(SyntaxNode condition) =>
        condition.DescendantNodesAndSelf().Any(n => n is SingleVariableDesignationSyntax or DeclarationExpressionSyntax or ParenthesizedVariableDesignationSyntax);

    /// <summary><paramref name="moved"/> placed on its own line with the indentation of <paramref name="beside"/>.</summary>
    public static StatementSyntax Placed(StatementSyntax moved, StatementSyntax beside) =>
        moved.WithLeadingTrivia(beside.GetLeadingTrivia().Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)))
            .WithTrailingTrivia(beside.GetTrailingTrivia().Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).DefaultIfEmpty(SyntaxFactory.EndOfLine("\n")));
}
