using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Wakers.CodeFixes;

/// <summary>
/// WAKE002: replaces a store-once guard with the refresh <c>if (w is null || !w.WillWake(cx.Waker)) w = cx.Waker;</c>;
/// a flag guard (typically around <c>AtomicWaker.Register</c>) is dropped so the store runs on every poll, and with it
/// a private flag nothing else reads.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RefreshWakerFix))]
[Shared]
public sealed class RefreshWakerFix : RewriteFix
{
    /// <summary>The fix's title.</summary>
    public const string Title = "Refresh the waker unless it will wake the same task";

    /// <summary>Creates the fix.</summary>
    public RefreshWakerFix()
        : base("WAKE002", Title)
    {
    }

    private protected override Task<Document> FinishAsync(Document document, CancellationToken cancellationToken) =>
        Formatter.FormatAsync(document, Formatter.Annotation, cancellationToken: cancellationToken);

    // The rewritten root, or null when the store's shape is not one this fix knows.
    private protected override SyntaxNode? Rewrite(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
    {
        var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
        if (node.AncestorsAndSelf().OfType<ExpressionStatementSyntax>().FirstOrDefault() is not { } store) return null;
        if (WakerFixSyntax.PollDeclaration(store) is null) return null;
        switch (store.Expression)
        {
            // w ??= cx.Waker;  =>  if (w is null || !w.WillWake(cx.Waker)) w = cx.Waker;
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceAssignmentExpression } coalesce when IsWaker(model, coalesce.Left):
            {
                var assign = SyntaxFactory.ExpressionStatement(SyntaxFactory.AssignmentExpression(
                    SyntaxKind.SimpleAssignmentExpression, coalesce.Left.WithoutTrivia(), coalesce.Right.WithoutTrivia()));
                var refresh = SyntaxFactory.IfStatement(RefreshCondition(coalesce.Left, coalesce.Right), assign)
                    .WithTriviaFrom(store).WithAdditionalAnnotations(Formatter.Annotation);
                return root.ReplaceNode(store, refresh);
            }
            case AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment when IsWaker(model, assignment.Left):
            {
                if (GuardingIf(store) is { } guard)
                {
                    var dropped = FlagCleanup.NodesToRemove(root, model, guard.Condition);
                    var tracked = root.TrackNodes(dropped.Append(guard.Condition));
                    var refreshed = tracked.ReplaceNode(tracked.GetCurrentNode(guard.Condition)!,
                        RefreshCondition(assignment.Left, assignment.Right).WithTriviaFrom(guard.Condition));
                    return refreshed.RemoveNodes(dropped.Select(n => refreshed.GetCurrentNode(n)!), SyntaxRemoveOptions.KeepNoTrivia);
                }
                if (EarlyReturn(store, assignment.Left) is { } early)
                {
                    // if (w is not null) return Pending; w = cx.Waker;  =>  keep the early return only for the same task.
                    var same = SyntaxFactory.InvocationExpression(
                        SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(assignment.Left), SyntaxFactory.IdentifierName("WillWake")),
                        SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(assignment.Right.WithoutTrivia()))));
                    var condition = SyntaxFactory.BinaryExpression(SyntaxKind.LogicalAndExpression, LeftOfAnd(early.Condition), same);
                    return root.ReplaceNode(early.Condition, condition.WithTriviaFrom(early.Condition));
                }
                return null;
            }
            default:
            {
                // A flag (or a test of another slot) around a registration: register on every poll instead.
                if (GuardingIf(store) is not { } guard || guard.Parent is not (BlockSyntax or SwitchSectionSyntax)) return null;
                var dropped = FlagCleanup.NodesToRemove(root, model, guard.Condition);
                var body = guard.Statement is BlockSyntax block ? block.Statements : SyntaxFactory.SingletonList(guard.Statement);
                var unwrapped = body.Where(s => !dropped.Contains(s)).Select(s => s.WithLeadingTrivia(guard.GetLeadingTrivia())
                    .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed).WithAdditionalAnnotations(Formatter.Annotation)).ToList();
                var elsewhere = dropped.Where(n => !guard.Statement.Span.Contains(n.Span)).ToList();
                var tracked = root.TrackNodes(elsewhere.Append(guard.Parent));
                var parent = tracked.GetCurrentNode(guard.Parent)!;
                var index = guard.Parent.ChildNodes().OfType<StatementSyntax>().ToList().IndexOf(guard);
                var rewritten = tracked.ReplaceNode(parent, parent switch
                {
                    BlockSyntax b => b.WithStatements(b.Statements.RemoveAt(index).InsertRange(index, unwrapped)),
                    SwitchSectionSyntax s => (SyntaxNode)s.WithStatements(s.Statements.RemoveAt(index).InsertRange(index, unwrapped)),
                    _ => parent,
                });
                return rewritten.RemoveNodes(elsewhere.Select(n => rewritten.GetCurrentNode(n)!), SyntaxRemoveOptions.KeepNoTrivia);
            }
        }
    }

    // The `if` (without else) whose branch holds the store.
    private static IfStatementSyntax? GuardingIf(ExpressionStatementSyntax store)
    {
        var parent = store.Parent is BlockSyntax b ? b.Parent : store.Parent;
        return parent is IfStatementSyntax { Else: null } guard && guard.Parent is not ElseClauseSyntax ? guard : null;
    }

    // An earlier `if (slot ...) return ...;` in the same block that tests the stored slot.
    private static IfStatementSyntax? EarlyReturn(ExpressionStatementSyntax store, ExpressionSyntax slot)
    {
        if (store.Parent is not BlockSyntax block) return null;
        var text = slot.WithoutTrivia().ToString();
        for (var i = block.Statements.IndexOf(store) - 1; i >= 0; i--)
        {
            if (block.Statements[i] is IfStatementSyntax { Else: null, Statement: ReturnStatementSyntax } early
                && early.Condition.DescendantNodesAndSelf().OfType<ExpressionSyntax>().Any(e => e.WithoutTrivia().ToString() == text))
            {
                return early;
            }
        }
        return null;
    }

    private static ExpressionSyntax RefreshCondition(ExpressionSyntax slot, ExpressionSyntax waker)
    {
        var isNull = SyntaxFactory.IsPatternExpression(Parenthesize(slot),
            SyntaxFactory.ConstantPattern(SyntaxFactory.LiteralExpression(SyntaxKind.NullLiteralExpression)));
        var willWake = SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression,
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Parenthesize(slot), SyntaxFactory.IdentifierName("WillWake")),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(waker.WithoutTrivia())))));
        return SyntaxFactory.BinaryExpression(SyntaxKind.LogicalOrExpression, isNull, willWake);
    }

    private static ExpressionSyntax LeftOfAnd(ExpressionSyntax e)
    {
        e = e.WithoutTrivia();
        return e is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression or (int)SyntaxKind.CoalesceExpression } or ConditionalExpressionSyntax or AssignmentExpressionSyntax
            ? SyntaxFactory.ParenthesizedExpression(e) : e;
    }

    private static ExpressionSyntax Parenthesize(ExpressionSyntax e)
    {
        e = e.WithoutTrivia();
        return e is IdentifierNameSyntax or MemberAccessExpressionSyntax or ElementAccessExpressionSyntax or ThisExpressionSyntax or ParenthesizedExpressionSyntax
            ? e : SyntaxFactory.ParenthesizedExpression(e);
    }

    private static bool IsWaker(SemanticModel model, ExpressionSyntax slot) =>
        model.GetTypeInfo(slot).Type is { } type
        && type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == "Wakers.Waker";
}
