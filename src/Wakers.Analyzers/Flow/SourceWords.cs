using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Where a syntax tree's text holds one of a set of words, found by one scan of the characters per tree and
/// compilation: a prefilter far cheaper than walking tokens, and never too narrow (comments, strings and inactive
/// <c>#if</c> regions only add places). A tree that spells an identifier with a Unicode escape counts as holding
/// every word, since the word is not in its text as written.
/// </summary>
internal sealed class SourceWords
{
    private static readonly int[] Everywhere = { -1 };

    private readonly string[] _words;
    private readonly Func<string, string, int, bool>? _confirm;
    private readonly ConcurrentDictionary<SyntaxTree, int[]> _places = new();

    /// <param name="words">The words (identifiers or keywords) looked for.</param>
    /// <param name="confirm">Given a word found and the text, the index just after it: whether this place counts (what follows it).</param>
    public SourceWords(IEnumerable<string> words, Func<string, string, int, bool>? confirm = null)
    {
        _words = words.ToArray();
        _confirm = confirm;
    }

    /// <summary>Whether any of the words is inside <paramref name="span"/> of <paramref name="tree"/>.</summary>
    public bool AnyIn(SyntaxTree tree, TextSpan span)
    {
        var places = _places.GetOrAdd(tree, Scan);
        return ReferenceEquals(places, Everywhere) || First(places, span) < places.Length;
    }

    /// <summary>
    /// Where the words start inside <paramref name="span"/> of <paramref name="tree"/>, in order; null when the tree's
    /// text cannot tell (a Unicode escape) and every place must be looked at.
    /// </summary>
    public IEnumerable<int>? In(SyntaxTree tree, TextSpan span)
    {
        var places = _places.GetOrAdd(tree, Scan);
        if (ReferenceEquals(places, Everywhere)) return null;
        return Within(places, span);
    }

    private static IEnumerable<int> Within(int[] places, TextSpan span)
    {
        for (var i = First(places, span); i < places.Length && places[i] < span.End; i++) yield return places[i];
    }

    // The index of the first place inside the span, or the length when there is none.
    private static int First(int[] places, TextSpan span)
    {
        var i = Array.BinarySearch(places, span.Start);
        if (i < 0) i = ~i;
        return i < places.Length && places[i] < span.End ? i : places.Length;
    }

    /// <summary>Whether any of the words is inside a declaration of <paramref name="symbol"/> (every part of a partial type).</summary>
    public bool AnyIn(ISymbol symbol)
    {
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            if (AnyIn(reference.SyntaxTree, reference.Span)) return true;
        }
        return false;
    }

    // One ordinal search per word: the framework's vectorized IndexOf, where a loop of ours over every character
    // would run unoptimized in a short build (analyzers are jitted, and tiered up only after the build is over).
    private int[] Scan(SyntaxTree tree)
    {
        var text = tree.GetText().ToString();
        if (text.IndexOf("\\u", StringComparison.OrdinalIgnoreCase) >= 0) return Everywhere;
        var places = new List<int>();
        foreach (var word in _words)
        {
            for (var at = text.IndexOf(word, StringComparison.Ordinal); at >= 0; at = text.IndexOf(word, at + word.Length, StringComparison.Ordinal))
            {
                var end = at + word.Length;
                if ((at > 0 && IsWordChar(text[at - 1])) || (end < text.Length && IsWordChar(text[end]))) continue;
                if (_confirm is null || _confirm(word, text, end)) places.Add(at);
            }
        }
        places.Sort();
        return places.ToArray();
    }

    private static bool IsWordChar(char c) => c == '_' || char.IsLetterOrDigit(c);
}
