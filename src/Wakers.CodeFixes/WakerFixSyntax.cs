using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.CodeFixes;

/// <summary>Syntax helpers shared by the WAKE001/WAKE002 fixes: the poll method around a node, its Context, statement insertion.</summary>
internal static class WakerFixSyntax
{
    /// <summary>The method, local function or lambda declaring the node's poll body.</summary>
    public static SyntaxNode? PollDeclaration(SyntaxNode node) =>
        node.AncestorsAndSelf().FirstOrDefault(n => n is BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or AccessorDeclarationSyntax);

    /// <summary>The name of the poll method's <c>Wakers.Context</c> parameter.</summary>
    public static string? ContextName(SemanticModel model, SyntaxNode declaration)
    {
        var symbol = declaration is AnonymousFunctionExpressionSyntax lambda
            ? model.GetSymbolInfo(lambda).Symbol as IMethodSymbol
            : model.GetDeclaredSymbol(declaration) as IMethodSymbol;
        return symbol?.Parameters.FirstOrDefault(p => p.Type.ToDisplayString() == "Wakers.Context")?.Name;
    }

    /// <summary>Whether the node sits inside a <c>lock</c> statement of its poll method.</summary>
    public static bool IsInsideLock(SyntaxNode node, SyntaxNode declaration) =>
        node.Ancestors().TakeWhile(a => a != declaration).Any(a => a is LockStatementSyntax);

    /// <summary>Inserts <paramref name="statements"/> before <paramref name="target"/>, wrapping an embedded statement in a block.</summary>
    public static SyntaxNode InsertBefore(SyntaxNode root, StatementSyntax target, IReadOnlyList<StatementSyntax> statements)
    {
        if (target.Parent is BlockSyntax block)
        {
            var list = block.Statements;
            var index = list.IndexOf(target);
            var inserted = statements.Select((s, i) => i == 0 ? s.WithLeadingTrivia(target.GetLeadingTrivia()) : s.WithLeadingTrivia(target.GetLeadingTrivia()));
            list = list.InsertRange(index, inserted.Select(s => s.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)));
            return root.ReplaceNode(block, block.WithStatements(list));
        }
        if (target.Parent is SwitchSectionSyntax section)
        {
            var list = section.Statements;
            list = list.InsertRange(list.IndexOf(target), statements.Select(s => s.WithLeadingTrivia(target.GetLeadingTrivia()).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)));
            return root.ReplaceNode(section, section.WithStatements(list));
        }
        var wrapped = SyntaxFactory.Block(statements.Concat(new[] { target.WithoutTrivia() })
                .Select(s => s.WithoutTrivia().WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)))
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        return root.ReplaceNode(target, wrapped.WithTriviaFrom(target));
    }

    /// <summary>An expression-bodied member or lambda turned into a block body that runs <paramref name="first"/> then returns the expression.</summary>
    public static SyntaxNode BlockBodyWith(SyntaxNode root, ExpressionSyntax body, IReadOnlyList<StatementSyntax> first, ExpressionSyntax? returned = null)
    {
        var statements = first.Concat(new[] { SyntaxFactory.ReturnStatement((returned ?? body).WithoutTrivia()) })
            .Select(s => s.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed));
        var block = SyntaxFactory.Block(statements)
            .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken).WithLeadingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed).WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed))
            .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation);
        switch (body.Parent)
        {
            case ArrowExpressionClauseSyntax { Parent: MethodDeclarationSyntax method }:
                return root.ReplaceNode(method, method.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block)
                    .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
            case ArrowExpressionClauseSyntax { Parent: LocalFunctionStatementSyntax local }:
                return root.ReplaceNode(local, local.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block)
                    .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
            case AnonymousFunctionExpressionSyntax lambda when lambda.ExpressionBody == body:
                return root.ReplaceNode(lambda, lambda.WithExpressionBody(null).WithBlock(block)
                    .WithAdditionalAnnotations(Microsoft.CodeAnalysis.Formatting.Formatter.Annotation));
        }
        return root;
    }

    /// <summary>The statement a WAKE001 diagnostic points at (a return), or the expression body.</summary>
    public static SyntaxNode? Target(SyntaxNode root, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        var ret = node.AncestorsAndSelf().OfType<ReturnStatementSyntax>().FirstOrDefault();
        if (ret is not null && ret.Span.Contains(diagnostic.Location.SourceSpan)) return ret;
        return node.AncestorsAndSelf().OfType<ExpressionSyntax>().LastOrDefault(e => e.Span == diagnostic.Location.SourceSpan)
            ?? node as ExpressionSyntax;
    }
}
