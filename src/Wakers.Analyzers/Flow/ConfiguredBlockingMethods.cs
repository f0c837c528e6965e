using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// The methods a project declares blocking for WAKE007 in <c>.editorconfig</c> or a global config, on top of the ones
/// the rule knows: <c>wakers.blocking_methods = MyLib.Gate.Wait, MyLib.Latch.Block</c> (a namespace-qualified type, a
/// dot and a method name, every overload; nested types joined by dots, no generic arguments; an optional <c>M:</c>
/// prefix and parameter list are ignored). An entry without a type is ignored.
/// </summary>
internal sealed class ConfiguredBlockingMethods
{
    public const string Key = "wakers.blocking_methods";

    private static readonly SymbolDisplayFormat TypeName = new(
        typeQualificationStyle: SymbolDisplayTypeQualificationStyle.NameAndContainingTypesAndNamespaces,
        genericsOptions: SymbolDisplayGenericsOptions.None);

    private static readonly char[] Separators = { ',', ';', ' ', '\t' };
    private static readonly Regex ParameterLists = new(@"\([^)]*\)", RegexOptions.CultureInvariant);

    private readonly AnalyzerConfigOptionsProvider _options;
    private readonly ConcurrentDictionary<SyntaxTree, HashSet<string>> _perTree = new();

    public ConfiguredBlockingMethods(AnalyzerConfigOptionsProvider options, IEnumerable<SyntaxTree> trees)
    {
        _options = options;
        // The prefilter must see every name any file configures: a type is skipped when its text names no blocking call.
        MethodNames = trees.SelectMany(t => Of(t)).Concat(Parse(Global())).Select(MethodName).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The simple names of every configured method, for the word prefilter.</summary>
    public IReadOnlyList<string> MethodNames { get; }

    /// <summary>The methods configured blocking for the files that declare <paramref name="type"/>.</summary>
    public HashSet<string> For(INamedTypeSymbol type)
    {
        if (MethodNames.Count == 0) return Empty;
        var result = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in type.DeclaringSyntaxReferences) result.UnionWith(Of(reference.SyntaxTree));
        return result;
    }

    /// <summary>Whether <paramref name="method"/> is in <paramref name="configured"/> (from <see cref="For"/>).</summary>
    public static bool Contains(HashSet<string> configured, IMethodSymbol method) =>
        configured.Count > 0 && method.ContainingType is { } type
        && configured.Contains(type.OriginalDefinition.ToDisplayString(TypeName) + "." + method.Name);

    public static readonly HashSet<string> Empty = new();

    private HashSet<string> Of(SyntaxTree tree) => _perTree.GetOrAdd(tree, t =>
    {
        // A file's own options hold its .editorconfig sections and the global configs; GlobalOptions only the latter.
        var value = _options.GetOptions(t).TryGetValue(Key, out var own) ? own : Global();
        return new HashSet<string>(Parse(value), StringComparer.Ordinal);
    });

    private string? Global() => _options.GlobalOptions.TryGetValue(Key, out var value) ? value : null;

    private static IEnumerable<string> Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) yield break;
        // A parameter list may hold the separators: every overload counts, so it is dropped first.
        foreach (var raw in ParameterLists.Replace(value, "").Split(Separators, StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = raw.StartsWith("M:", StringComparison.Ordinal) ? raw.Substring(2) : raw;
            var dot = entry.LastIndexOf('.');
            if (dot > 0 && dot < entry.Length - 1) yield return entry;
        }
    }

    private static string MethodName(string entry) => entry.Substring(entry.LastIndexOf('.') + 1);
}
