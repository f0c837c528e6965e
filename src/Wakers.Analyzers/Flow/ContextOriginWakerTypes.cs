using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Looks inside waker types of this compilation (syntax only, so no semantic model of another tree is needed):
/// does a child waker keep the parent waker it is given, and does its <c>Wake()</c> wake it?
/// </summary>
internal static class WakerTypes
{
    private const int HelperDepth = 2;

    /// <summary>True when the waker type is in source and its Wake() calls nothing at all (a counting or no-op waker).</summary>
    public static bool WakesNothing(ITypeSymbol? type)
    {
        var wake = WakeDeclaration(type);
        return wake is not null && !Body(wake).Any(n => n.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().Any());
    }

    /// <summary>
    /// Whether a waker built with <paramref name="constructor"/> keeps one of <paramref name="parameters"/> and wakes it
    /// in Wake(); null when that cannot be seen (the type or its constructor is not in source).
    /// </summary>
    public static bool? WakesAnyOf(IMethodSymbol? constructor, IReadOnlyList<IParameterSymbol> parameters)
    {
        if (constructor is null) return null;
        var type = constructor.ContainingType;
        var wake = WakeDeclaration(type);
        if (wake is null) return null;
        var kept = new HashSet<string>(parameters.Select(p => p.Name));
        var ctorSyntax = constructor.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
        switch (ctorSyntax)
        {
            case ConstructorDeclarationSyntax ctor:
                if (ctor.Initializer is not null) return null; // handed to another constructor: cannot follow it cheaply
                foreach (var assignment in ctor.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                {
                    if (Mentions(assignment.Right, kept) && TargetName(assignment.Left) is { } target) kept.Add(target);
                }
                break;
            case TypeDeclarationSyntax primary:
                // A primary constructor: its parameters are captured, or copied into field and property initializers.
                foreach (var member in primary.Members)
                {
                    if (member is FieldDeclarationSyntax field)
                    {
                        foreach (var v in field.Declaration.Variables)
                        {
                            if (v.Initializer is not null && Mentions(v.Initializer.Value, kept)) kept.Add(v.Identifier.ValueText);
                        }
                    }
                    else if (member is PropertyDeclarationSyntax property && property.Initializer is not null && Mentions(property.Initializer.Value, kept))
                    {
                        kept.Add(property.Identifier.ValueText);
                    }
                }
                break;
            default:
                return null;
        }
        return WakesName(type, wake, kept, HelperDepth);
    }

    /// <summary>
    /// Whether a field or property of this type holds a relay waker built for it (a Waker subclass of its own, or
    /// assigned a new object or a call's result such as Waker.Create) rather than some task's plain waker.
    /// </summary>
    public static bool HoldsRelay(ISymbol member, INamedTypeSymbol waker)
    {
        var type = member switch { IFieldSymbol f => f.Type, IPropertySymbol p => p.Type, _ => null };
        if (type is null) return false;
        if (!SymbolEqualityComparer.Default.Equals(type.WithNullableAnnotation(NullableAnnotation.NotAnnotated), waker)) return true;
        foreach (var reference in member.DeclaringSyntaxReferences)
        {
            var declaration = reference.GetSyntax();
            if (declaration is VariableDeclaratorSyntax { Initializer.Value: var initial } && IsBuilt(initial)) return true;
            if (declaration is PropertyDeclarationSyntax { Initializer.Value: var propertyInitial } && IsBuilt(propertyInitial)) return true;
        }
        foreach (var typeReference in member.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var assignment in typeReference.GetSyntax().DescendantNodes().OfType<AssignmentExpressionSyntax>())
            {
                if (TargetName(assignment.Left) == member.Name && IsBuilt(assignment.Right)) return true;
            }
        }
        return false;
    }

    private static bool IsBuilt(ExpressionSyntax value)
    {
        var v = value;
        while (true)
        {
            switch (v)
            {
                case ParenthesizedExpressionSyntax p: v = p.Expression; continue;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } s: v = s.Operand; continue;
                case CastExpressionSyntax c: v = c.Expression; continue;
            }
            break;
        }
        return v is BaseObjectCreationExpressionSyntax or InvocationExpressionSyntax or AnonymousFunctionExpressionSyntax or ThisExpressionSyntax;
    }

    private static bool WakesName(INamedTypeSymbol type, MethodDeclarationSyntax method, HashSet<string> names, int depth)
    {
        foreach (var node in Body(method))
        {
            foreach (var invocation in node.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>())
            {
                // The kept waker as the receiver of a call (parent.Wake(), parent?.Wake()) or as an argument (handed on).
                SyntaxNode call = invocation;
                while (call.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == call) call = access;
                if (Mentions(call, names)) return true;
                if (depth > 0 && CalledHelper(invocation) is { } helper)
                {
                    foreach (var declaration in Helpers(type, helper))
                    {
                        if (WakesName(type, declaration, names, depth - 1)) return true;
                    }
                }
            }
        }
        return false;
    }

    private static string? CalledHelper(InvocationExpressionSyntax invocation) => invocation.Expression switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: var name } => name.Identifier.ValueText,
        _ => null,
    };

    private static IEnumerable<MethodDeclarationSyntax> Helpers(INamedTypeSymbol type, string name)
    {
        foreach (var member in type.GetMembers(name))
        {
            foreach (var reference in member.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is MethodDeclarationSyntax method) yield return method;
            }
        }
    }

    private static MethodDeclarationSyntax? WakeDeclaration(ITypeSymbol? type)
    {
        for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
        {
            foreach (var member in t.GetMembers("Wake"))
            {
                if (member is not IMethodSymbol { Parameters.Length: 0, IsAbstract: false } method) continue;
                foreach (var reference in method.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is MethodDeclarationSyntax declaration) return declaration;
                }
                return null; // declared outside this compilation
            }
        }
        return null;
    }

    private static IEnumerable<SyntaxNode> Body(MethodDeclarationSyntax method)
    {
        if (method.Body is not null) yield return method.Body;
        if (method.ExpressionBody is not null) yield return method.ExpressionBody;
    }

    private static bool Mentions(SyntaxNode node, HashSet<string> names) =>
        node.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>().Any(n => names.Contains(n.Identifier.ValueText));

    private static string? TargetName(ExpressionSyntax left) => left switch
    {
        IdentifierNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access => access.Name.Identifier.ValueText,
        _ => null,
    };
}
