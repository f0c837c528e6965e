using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.CodeFixes;

/// <summary>
/// A private flag that only a removed guard read: its writes and its declaration go too, or the fixed code would carry
/// CS0414 ("assigned but its value is never used"), an error where warnings are errors.
/// </summary>
internal static class FlagCleanup
{
    /// <summary>
    /// The statements and declarators to remove with <paramref name="removedCondition"/>: for each private field of a
    /// non-partial type that the condition reads and nothing else reads, every statement that writes it and its declarator.
    /// Empty when some write could not go (it is not a statement of a block) or the field is read elsewhere.
    /// </summary>
    public static IReadOnlyList<SyntaxNode> NodesToRemove(SyntaxNode root, SemanticModel model, ExpressionSyntax removedCondition)
    {
        var remove = new List<SyntaxNode>();
        var fields = removedCondition.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
            .Select(n => model.GetSymbolInfo(n).Symbol).OfType<IFieldSymbol>()
            .Where(f => f.DeclaredAccessibility == Accessibility.Private && !f.IsConst
                && f.DeclaringSyntaxReferences.Length == 1 && f.DeclaringSyntaxReferences[0].SyntaxTree == root.SyntaxTree
                && f.ContainingType.DeclaringSyntaxReferences.Length == 1)
            .Distinct<IFieldSymbol>(SymbolEqualityComparer.Default);
        foreach (var field in fields)
        {
            if (field.DeclaringSyntaxReferences[0].GetSyntax() is not VariableDeclaratorSyntax declarator) continue;
            var type = field.ContainingType.DeclaringSyntaxReferences[0].GetSyntax();
            var uses = type.DescendantNodes().OfType<IdentifierNameSyntax>()
                .Where(n => n.Identifier.ValueText == field.Name && !removedCondition.Span.Contains(n.Span)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(n).Symbol, field))
                .ToList();
            var writes = uses.Select(WriteStatement).ToList();
            if (writes.Any(w => w is null)) continue;
            remove.AddRange(writes!);
            remove.Add(declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1 } declaration ? declaration.Parent! : declarator);
        }
        return remove;
    }

    // `flag = value;` (or `this.flag = value;`) as a statement of a block or switch section, else null (a read, or a write that cannot be dropped).
    private static ExpressionStatementSyntax? WriteStatement(IdentifierNameSyntax use)
    {
        SyntaxNode target = use.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == use ? access : use;
        return target.Parent is AssignmentExpressionSyntax { RawKind: (int)SyntaxKind.SimpleAssignmentExpression } assignment
            && assignment.Left == target
            && assignment.Parent is ExpressionStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax } statement
            && IsConstant(assignment.Right)
            ? statement : null;
    }

    // Only writes of literals go: a right side with a call in it does work that must stay.
    private static bool IsConstant(ExpressionSyntax value) => value is LiteralExpressionSyntax
        || value is PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax };
}
