using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Where source can build a Context that is not cx (WAKE003), per compilation: a foreign Context is always a
/// <c>new Context(...)</c> (or target-typed <c>new(...)</c>) or a <c>default</c> in the function that polls with it,
/// so a member without one polls with its own cx or with what it was handed.
/// </summary>
internal sealed class ContextOriginWords
{
    private readonly WakersSymbols _symbols;
    private readonly System.Lazy<bool> _aliased;
    private readonly SourceWords _words;

    public ContextOriginWords(Compilation compilation, WakersSymbols symbols)
    {
        _symbols = symbols;
        _aliased = new System.Lazy<bool>(() => HasContextAlias(compilation), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        // `default`, and `new` followed by `(`, `Context`, a qualified name or a comment.
        _words = new SourceWords(new[] { "new", "default" }, (word, text, end) => word == "default" || IsContextCreation(text, end));
    }

    /// <summary>Whether the source of <paramref name="type"/> may build a Context at all, as far as its syntax tells.</summary>
    public bool AnyIn(INamedTypeSymbol type)
    {
        foreach (var reference in type.DeclaringSyntaxReferences)
        {
            var places = _words.In(reference.SyntaxTree, reference.Span);
            if (places is null) return true;
            var root = reference.SyntaxTree.GetRoot();
            foreach (var place in places)
            {
                if (root.FindToken(place).Parent is ExpressionSyntax node && !OfOtherNamedType(node)) return true;
            }
        }
        return false;
    }

    /// <summary>
    /// Whether the member creates a Context: the words' places in its text, where the syntax cannot rule them out
    /// confirmed by the type the compiler gave them (most <c>new()</c> and <c>default</c> are of other types).
    /// </summary>
    public bool BuildsContext(OperationBlockAnalysisContext block)
    {
        foreach (var operationBlock in block.OperationBlocks)
        {
            var syntax = FunctionOperations.Root(operationBlock).Syntax;
            var places = _words.In(syntax.SyntaxTree, syntax.Span);
            if (places is null || operationBlock.SemanticModel is not { } model) return true;
            foreach (var place in places)
            {
                if (syntax.FindToken(place).Parent is not ExpressionSyntax node || OfOtherNamedType(node)) continue;
                var typeInfo = model.GetTypeInfo(node);
                if (SymbolEqualityComparer.Default.Equals(typeInfo.Type, _symbols.Context)
                    || SymbolEqualityComparer.Default.Equals(typeInfo.ConvertedType, _symbols.Context))
                {
                    return true;
                }
            }
        }
        return false;
    }

    // `new List<int>()`, `default(int)`, a field's `= new()` or `= default!`: a type named in the syntax that is not
    // Context (nor, when the compilation aliases Context, anything else); or not a creation or default expression at all.
    private bool OfOtherNamedType(ExpressionSyntax node)
    {
        TypeSyntax? named;
        switch (node)
        {
            case ObjectCreationExpressionSyntax creation:
                named = creation.Type;
                break;
            case DefaultExpressionSyntax defaultOf:
                named = defaultOf.Type;
                break;
            case ImplicitObjectCreationExpressionSyntax or LiteralExpressionSyntax:
                named = DeclaredType(node);
                if (named is null) return false;
                break;
            default:
                return true;
        }
        return RightmostName(named) != "Context" && !_aliased.Value;
    }

    // The type of the variable, field or property that `node` initializes (`T _value = default!;`), when it is written out.
    private static TypeSyntax? DeclaredType(ExpressionSyntax node)
    {
        var value = node.Parent;
        while (value is PostfixUnaryExpressionSyntax or ParenthesizedExpressionSyntax) value = value.Parent;
        var type = value is EqualsValueClauseSyntax clause
            ? clause.Parent switch
            {
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } => declaration.Type,
                PropertyDeclarationSyntax property => property.Type,
                _ => null,
            }
            : null;
        return type is { IsVar: false } ? type : null;
    }

    private static string RightmostName(TypeSyntax type) => type switch
    {
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliasQualified => aliasQualified.Name.Identifier.ValueText,
        SimpleNameSyntax simple => simple.Identifier.ValueText,
        _ => "",
    };

    private bool IsContextCreation(string text, int end)
    {
        var i = end;
        while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
        if (i == text.Length) return false;
        var c = text[i];
        if (c is '(' or '/' or '@') return true;
        var start = i;
        while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_')) i++;
        // `new Ctx(...)` under `using Ctx = Wakers.Context;`: any creation may be one.
        return Is(text, start, i, "Context") || Is(text, start, i, "Wakers") || Is(text, start, i, "global") || _aliased.Value;
    }

    private static bool Is(string text, int start, int end, string name) =>
        end - start == name.Length && string.CompareOrdinal(text, start, name, 0, name.Length) == 0;

    // A using alias anywhere in the compilation whose target names Context (a global one reaches every file).
    private static bool HasContextAlias(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (tree.GetRoot() is not CompilationUnitSyntax unit) continue;
            if (unit.Usings.Any(IsContextAlias)) return true;
            foreach (var member in unit.Members)
            {
                if (member is BaseNamespaceDeclarationSyntax ns && HasContextAlias(ns)) return true;
            }
        }
        return false;
    }

    private static bool HasContextAlias(BaseNamespaceDeclarationSyntax ns)
    {
        if (ns.Usings.Any(IsContextAlias)) return true;
        foreach (var member in ns.Members)
        {
            if (member is BaseNamespaceDeclarationSyntax inner && HasContextAlias(inner)) return true;
        }
        return false;
    }

    private static bool IsContextAlias(UsingDirectiveSyntax directive) =>
        directive.Alias is not null && directive.ToString().IndexOf("Context", System.StringComparison.Ordinal) >= 0;
}
