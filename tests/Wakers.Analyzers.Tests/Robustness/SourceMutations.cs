using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Half-typed versions of a source: cut short, or with tokens deleted or doubled, all from a seed.</summary>
public static class SourceMutations
{
    /// <summary>The source cut at about every <paramref name="step"/>th character (each cut jittered by the seed).</summary>
    public static IEnumerable<CrashCheck.Sample> Truncations(string name, string source, int step, Random random)
    {
        for (var at = random.Next(1, step); at < source.Length; at += step + random.Next(-step / 4, step / 4 + 1))
        {
            yield return new CrashCheck.Sample($"{name} cut at offset {at}", source[..at]);
        }
    }

    /// <summary><paramref name="count"/> copies of the source, each with one to three tokens deleted or doubled.</summary>
    public static IEnumerable<CrashCheck.Sample> TokenEdits(string name, string source, int count, Random random)
    {
        var tokens = CSharpSyntaxTree.ParseText(source).GetRoot().DescendantTokens()
            .Where(t => !t.IsKind(SyntaxKind.EndOfFileToken) && t.Span.Length > 0)
            .ToList();
        if (tokens.Count == 0) yield break;
        for (var i = 0; i < count; i++)
        {
            var edits = Enumerable.Range(0, random.Next(1, 4))
                .Select(_ => (Token: tokens[random.Next(tokens.Count)], Double: random.Next(2) == 0))
                .GroupBy(e => e.Token.SpanStart).Select(g => g.First())
                .OrderByDescending(e => e.Token.SpanStart)
                .ToList();
            var text = new StringBuilder(source);
            foreach (var (token, doubled) in edits)
            {
                if (doubled) text.Insert(token.Span.End, " " + token.Text);
                else text.Remove(token.SpanStart, token.Span.Length);
            }
            var what = string.Join(", ", edits.Select(e => $"{(e.Double ? "doubled" : "deleted")} '{e.Token.Text}' at {e.Token.SpanStart}"));
            yield return new CrashCheck.Sample($"{name} with {what}", text.ToString());
        }
    }
}
