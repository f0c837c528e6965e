using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis.Text;

namespace Wakers.Analyzers.Tests.Verifier;

/// <summary>A diagnostic the markup expects: its id (null for <c>[|...|]</c>, the analyzer's only id) and exact span.</summary>
public readonly record struct ExpectedDiagnostic(string? Id, TextSpan Span);

/// <summary>
/// Test source with <c>[|...|]</c> (a diagnostic of the analyzer's only id) and <c>{|WAKE001:...|}</c> (an explicit id)
/// around the exact span of each expected diagnostic; spans may nest.
/// </summary>
public sealed class Markup
{
    private static readonly Regex IdOpen = new(@"\G\{\|([A-Za-z][A-Za-z0-9]*):", RegexOptions.CultureInvariant);

    private Markup(string source, IReadOnlyList<ExpectedDiagnostic> expected)
    {
        Source = source;
        Expected = expected;
    }

    /// <summary>The source with the markup removed.</summary>
    public string Source { get; }

    /// <summary>The diagnostics the markup expects, in the order their spans open.</summary>
    public IReadOnlyList<ExpectedDiagnostic> Expected { get; }

    /// <summary>Reads <paramref name="markup"/>; unbalanced markup is an <see cref="ArgumentException"/>.</summary>
    public static Markup Parse(string markup)
    {
        if (markup is null) throw new ArgumentNullException(nameof(markup));
        var source = new StringBuilder(markup.Length);
        var expected = new List<ExpectedDiagnostic>();
        // Each open span: its id (null for [|), where it starts in the clean source, and its slot in 'expected'.
        var open = new Stack<(string? Id, int Start, int Slot, bool Square)>();
        for (var i = 0; i < markup.Length;)
        {
            if (Starts(markup, i, "[|"))
            {
                open.Push((null, source.Length, expected.Count, true));
                expected.Add(default);
                i += 2;
            }
            else if (markup[i] == '{' && IdOpen.Match(markup, i) is { Success: true } m)
            {
                open.Push((m.Groups[1].Value, source.Length, expected.Count, false));
                expected.Add(default);
                i += m.Length;
            }
            else if (open.Count > 0 && Starts(markup, i, open.Peek().Square ? "|]" : "|}"))
            {
                var (id, start, slot, _) = open.Pop();
                expected[slot] = new ExpectedDiagnostic(id, TextSpan.FromBounds(start, source.Length));
                i += 2;
            }
            else
            {
                source.Append(markup[i]);
                i++;
            }
        }
        if (open.Count > 0)
        {
            var (id, start, _, square) = open.Peek();
            throw new ArgumentException($"Markup '{(square ? "[|" : "{|" + id + ":")}' opened at offset {start} of the clean source is never closed.", nameof(markup));
        }
        return new Markup(source.ToString(), expected);
    }

    private static bool Starts(string text, int at, string token) => string.CompareOrdinal(text, at, token, 0, token.Length) == 0;
}
