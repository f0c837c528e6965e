using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Wakers.TestSupport;

namespace Wakers.Analyzers.Tests.Documentation;

/// <summary>One docs/rules/WAKE00N.md page, split into its title, header table, sections and code blocks.</summary>
public sealed class RulePage
{
    private static readonly Regex CodeBlock = new(@"^```(\w*)\n(.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline);

    private RulePage(string path, string text)
    {
        Path = path;
        Text = text;
        var lines = text.Split('\n');
        TitleLine = lines[0];
        Sections = new List<(string, string)>();
        string? heading = null;
        var body = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (heading is not null) Sections.Add((heading, string.Join("\n", body)));
                heading = line[3..].Trim();
                body.Clear();
            }
            else if (heading is null)
            {
                Header.Add(line);
            }
            else
            {
                body.Add(line);
            }
        }
        if (heading is not null) Sections.Add((heading, string.Join("\n", body)));
    }

    /// <summary>The sections every rule page has, in this order.</summary>
    public static readonly string[] RequiredSections =
        { "What it finds", "Why it is a bug", "Bad example", "Good example", "How to fix", "How to suppress" };

    public string Path { get; }
    public string Text { get; }
    public string TitleLine { get; }

    /// <summary>The lines between the title and the first section: the id / severity / category table.</summary>
    public List<string> Header { get; } = new();

    /// <summary>Each <c>## heading</c> with the text under it.</summary>
    public List<(string Heading, string Body)> Sections { get; }

    public static RulePage Load(string id)
    {
        var path = Repository.PathOf($"docs/rules/{id}.md");
        return new RulePage(path, File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal));
    }

    /// <summary>The text under <paramref name="heading"/>; an exception naming the page when it is missing.</summary>
    public string Section(string heading) =>
        Sections.FirstOrDefault(s => s.Heading == heading).Body
        ?? throw new InvalidOperationException($"{Path} has no section '## {heading}'.");

    /// <summary>The fenced code blocks of a section with the given language tag.</summary>
    public IReadOnlyList<string> CodeBlocks(string heading, string language) =>
        CodeBlock.Matches(Section(heading)).Where(m => m.Groups[1].Value == language).Select(m => m.Groups[2].Value).ToList();

    /// <summary>The header table's cells by column name (its first row is the header).</summary>
    public IReadOnlyDictionary<string, string> HeaderTable()
    {
        var rows = Header.Where(l => l.StartsWith('|')).Select(Cells).ToList();
        if (rows.Count < 3) throw new InvalidOperationException($"{Path} has no '| Id | Severity | Category | ... |' table under its title.");
        return rows[0].Zip(rows[2]).ToDictionary(p => p.First, p => p.Second);
    }

    /// <summary>The trimmed cells of a markdown table row.</summary>
    public static string[] Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray();
}
