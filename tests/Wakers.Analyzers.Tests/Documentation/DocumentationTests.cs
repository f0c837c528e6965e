using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.TestSupport;
using Xunit;

namespace Wakers.Analyzers.Tests.Documentation;

/// <summary>The rule pages and the README's rules table are checked against the descriptors, so they cannot drift.</summary>
public class DocumentationTests
{
    public static IReadOnlyList<DiagnosticDescriptor> Descriptors { get; } = typeof(Wakers.Analyzers.Descriptors)
        .GetFields(BindingFlags.Static | BindingFlags.NonPublic | BindingFlags.Public)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, StringComparer.Ordinal)
        .ToList();

    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var d in Descriptors) data.Add(d.Id);
        return data;
    }

    private static DiagnosticDescriptor Descriptor(string id) => Descriptors.Single(d => d.Id == id);

    [Fact]
    public void EveryPageIsARuleAndEveryRuleHasAPage()
    {
        var pages = Directory.GetFiles(Repository.PathOf("docs/rules"), "*.md").Select(Path.GetFileNameWithoutExtension).OrderBy(n => n, StringComparer.Ordinal);
        Assert.Equal(Descriptors.Select(d => d.Id), pages);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void TitleLineIsTheDescriptorsTitle(string id)
    {
        var d = Descriptor(id);
        Assert.Equal($"# {id}: {d.Title}", RulePage.Load(id).TitleLine);
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void HeaderTableHasTheIdSeverityAndCategory(string id)
    {
        var d = Descriptor(id);
        var table = RulePage.Load(id).HeaderTable();
        Assert.Equal(id, table["Id"]);
        Assert.Equal(d.DefaultSeverity.ToString(), table["Severity"]);
        Assert.Equal(d.Category, table["Category"]);
        Assert.True(table.ContainsKey("Code fix"), "the header table says whether there is a code fix");
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void PageHasEverySectionInOrder(string id)
    {
        var page = RulePage.Load(id);
        Assert.Equal(RulePage.RequiredSections, page.Sections.Select(s => s.Heading).Where(RulePage.RequiredSections.Contains));
        foreach (var heading in RulePage.RequiredSections)
        {
            Assert.False(string.IsNullOrWhiteSpace(page.Section(heading)), $"{id}: '## {heading}' is empty");
        }
        // The timeline names the threads and steps of the lost wakeup.
        Assert.Contains("| step |", page.Section("Why it is a bug"));
        Assert.Contains($"#pragma warning disable {id}", page.Section("How to suppress"));
        Assert.Contains($"\"{id}:", page.Section("How to suppress"));
        Assert.Contains($"dotnet_diagnostic.{id}.severity = none", page.Section("How to suppress"));
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void ExamplesCompileAgainstTheRuntime(string id)
    {
        var page = RulePage.Load(id);
        foreach (var heading in new[] { "Bad example", "Good example" })
        {
            var blocks = page.CodeBlocks(heading, "csharp");
            Assert.True(blocks.Count == 1, $"{id}: '## {heading}' should hold one csharp block, has {blocks.Count}");
            var errors = TestProject.Compile(blocks[0]).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{id}: the {heading.ToLowerInvariant()} does not compile:\n{DiagnosticReport.List(errors)}");
        }
    }

    [Fact]
    public void ReadmeRulesTableRowsAreTheDescriptors()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var start = readme.IndexOf("\n## Rules\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no '## Rules' section");
        var section = readme[(start + 1)..];
        var next = section.IndexOf("\n## ", 1, StringComparison.Ordinal);
        if (next >= 0) section = section[..next];
        var rows = section.Split('\n').Where(l => l.StartsWith('|')).Select(RulePage.Cells).ToList();
        Assert.Equal(new[] { "id", "title", "severity" }, rows[0]);
        var expected = Descriptors.Select(d => $"[{d.Id}](docs/rules/{d.Id}.md) | {d.Title} | {d.DefaultSeverity}");
        Assert.Equal(expected, rows.Skip(2).Select(r => string.Join(" | ", r)));
    }

    /// <summary>The options the analyzers read (<c>"wakers.…"</c> keys in their source) are the ones the README's options table lists.</summary>
    [Fact]
    public void TheReadmeListsEveryOptionTheAnalyzersRead()
    {
        var read = Directory.GetFiles(Repository.PathOf("src/Wakers.Analyzers"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains(Path.DirectorySeparatorChar + "obj" + Path.DirectorySeparatorChar) && !f.Contains(Path.DirectorySeparatorChar + "bin" + Path.DirectorySeparatorChar))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), "\"(wakers\\.[a-z_]+)\"").Select(m => m.Groups[1].Value))
            .Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        var listed = System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(Repository.PathOf("README.md")), "^\\| `(wakers\\.[a-z_]+)` \\|", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Select(m => m.Groups[1].Value).OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.NotEmpty(read);
        Assert.Equal(read, listed);
    }
}
