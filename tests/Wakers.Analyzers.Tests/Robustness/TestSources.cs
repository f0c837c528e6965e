using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.TestSupport;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// The C# sources the rule tests (tests/Wakers.Analyzers.Tests/WAKE*/) analyze and fix: every raw string literal of
/// those files that uses a Context, markup removed. Read from the repository, so a new test's source is covered at once.
/// </summary>
public static class TestSources
{
    private static readonly Lazy<IReadOnlyList<(string Name, string Source)>> LazyAll = new(Load);

    /// <summary>Each source named by its file and line, in file and line order.</summary>
    public static IReadOnlyList<(string Name, string Source)> All => LazyAll.Value;

    private static IReadOnlyList<(string Name, string Source)> Load()
    {
        var root = Repository.PathOf("tests/Wakers.Analyzers.Tests");
        return Directory.GetDirectories(root, "WAKE*")
            .SelectMany(d => Directory.GetFiles(d, "*.cs", SearchOption.AllDirectories))
            .OrderBy(f => f, StringComparer.Ordinal)
            .SelectMany(file => SourcesIn(Path.GetRelativePath(root, file).Replace('\\', '/'), File.ReadAllText(file)))
            .ToList();
    }

    private static IEnumerable<(string Name, string Source)> SourcesIn(string name, string text) =>
        CSharpSyntaxTree.ParseText(text).GetRoot().DescendantNodes().OfType<LiteralExpressionSyntax>()
            .Where(l => l.Token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken) && l.Token.ValueText.Contains("Context", StringComparison.Ordinal))
            .Select(l => ($"{name}:{l.GetLocation().GetLineSpan().StartLinePosition.Line + 1}",
                Markup.Parse(l.Token.ValueText).Source.Replace("\r\n", "\n", StringComparison.Ordinal)));
}
