using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace Wakers.Analyzers.Tests.Verifier;

/// <summary>Failure messages that show the source the way a test author writes it, with what was actually found.</summary>
public static class DiagnosticReport
{
    /// <summary>The source with every diagnostic inserted as <c>{|ID:...|}</c> markup (zero-width ones as <c>{|ID:|}</c>), numbered by line.</summary>
    public static string Annotate(string source, IEnumerable<Diagnostic> diagnostics)
    {
        var inserts = new List<(int At, int Order, string Text)>();
        foreach (var d in diagnostics.Where(d => d.Location.IsInSource))
        {
            var span = d.Location.SourceSpan;
            // Opens sort after closes at one offset, longer spans open first, so nested spans stay nested.
            inserts.Add((span.Start, 1_000_000 - span.Length, "{|" + d.Id + ":"));
            inserts.Add((span.End, -1_000_000 + span.Length, "|}"));
        }
        var text = new StringBuilder(source);
        foreach (var (at, _, insert) in inserts.OrderByDescending(i => i.At).ThenBy(i => i.Order))
        {
            text.Insert(Math.Min(at, text.Length), insert);
        }
        return Numbered(text.ToString());
    }

    /// <summary>The source with line numbers, for messages.</summary>
    public static string Numbered(string source)
    {
        var lines = source.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var width = lines.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        return string.Join("\n", lines.Select((l, i) => (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(width) + "| " + l));
    }

    /// <summary><c>line:col-line:col ID message</c>, 1-based, one diagnostic per line.</summary>
    public static string List(IEnumerable<Diagnostic> diagnostics)
    {
        var lines = diagnostics.Select(Describe).ToList();
        return lines.Count == 0 ? "  (none)" : string.Join("\n", lines.Select(l => "  " + l));
    }

    /// <summary>One diagnostic as <c>line:col-line:col ID (severity) message</c>.</summary>
    public static string Describe(Diagnostic d) =>
        $"{Position(d.Location)} {d.Id} ({d.Severity}) {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>An expected span as <c>line:col-line:col ID `text`</c>.</summary>
    public static string Describe(string source, string id, TextSpan span)
    {
        var text = SourceText.From(source);
        var lines = text.Lines.GetLinePositionSpan(span);
        return $"{lines.Start.Line + 1}:{lines.Start.Character + 1}-{lines.End.Line + 1}:{lines.End.Character + 1} {id} `{Shorten(source.Substring(span.Start, span.Length))}`";
    }

    private static string Position(Location location)
    {
        if (!location.IsInSource) return "(no location)";
        var span = location.GetLineSpan();
        return $"{span.StartLinePosition.Line + 1}:{span.StartLinePosition.Character + 1}-{span.EndLinePosition.Line + 1}:{span.EndLinePosition.Character + 1}";
    }

    private static string Shorten(string text)
    {
        var oneLine = text.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "⏎", StringComparison.Ordinal);
        return oneLine.Length <= 80 ? oneLine : oneLine[..77] + "...";
    }
}
