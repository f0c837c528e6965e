using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Robustness;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Regression;

/// <summary>
/// Every analyzer over whole case folders, compiled as one project the way a user's is: each WAKE diagnostic must start
/// on a line marked <c>// expect: WAKE00N</c>, and each mark must get its diagnostic (the evaluation's own criterion).
/// </summary>
public class ExpectedMarksTests
{
    private static readonly Regex Mark = new(@"//\s*expect:\s*(WAKE\d{3}(?:\s*,\s*WAKE\d{3})*)\s*$", RegexOptions.Compiled);

    [Fact]
    public Task TheCorpusCopyGetsExactlyItsMarks() => GetsExactlyItsMarks(CorpusCases.All);

    [Fact]
    public Task TheHeldOutStyleCasesGetExactlyTheirMarks() => GetsExactlyItsMarks(CorpusCases.HeldOutStyle);

    private static async Task GetsExactlyItsMarks(IReadOnlyList<(string Name, string Source)> cases)
    {
        Assert.NotEmpty(cases);
        var compilation = TestProject.Compile(cases.Select(c => c.Source).ToArray());
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the cases do not compile:\n" + string.Join("\n", errors.Take(20)));

        var run = await AnalyzerRun.RunAsync(compilation, AllAnalyzers.Create());
        Assert.True(run.Crashes.Count == 0, "an analyzer threw:\n" + string.Join("\n\n", run.Crashes));

        var trees = compilation.SyntaxTrees.ToList();
        var got = run.Diagnostics
            .Where(d => d.Id.StartsWith("WAKE", StringComparison.Ordinal) && d.Location.SourceTree is not null)
            .Select(d => (cases[trees.IndexOf(d.Location.SourceTree!)].Name, d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id))
            .ToHashSet();
        var want = cases.SelectMany(c => Marks(c.Name, c.Source)).ToHashSet();

        var missed = want.Except(got).OrderBy(x => x).Select(x => $"  missed:   {x.Item1}:{x.Item2} {x.Item3}");
        var extra = got.Except(want).OrderBy(x => x).Select(x => $"  unwanted: {x.Item1}:{x.Item2} {x.Item3}");
        var report = string.Join("\n", missed.Concat(extra));
        Assert.True(report.Length == 0, $"{cases.Count} cases, {want.Count} marks:\n{report}");
    }

    private static IEnumerable<(string, int, string)> Marks(string name, string source)
    {
        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var m = Mark.Match(lines[i].TrimEnd());
            if (!m.Success) continue;
            foreach (var id in m.Groups[1].Value.Split(',')) yield return (name, i + 1, id.Trim());
        }
    }
}
