using System;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Wakers.Analyzers.Tests.Robustness;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Documentation;

/// <summary>The pages tell the truth about the analyzers: the bad example gets its rule where its comment says, the good one nothing.</summary>
public class RuleExampleTests
{
    [Theory]
    [MemberData(nameof(DocumentationTests.Ids), MemberType = typeof(DocumentationTests))]
    public async Task BadExampleGetsItsRuleOnTheCommentedLineAndNothingElse(string id)
    {
        var source = RulePage.Load(id).CodeBlocks("Bad example", "csharp").Single();
        var lines = source.Split('\n');
        var marked = Array.FindIndex(lines, l => l.Contains($"// {id}:", StringComparison.Ordinal)) + 1;
        Assert.True(marked > 0, $"{id}: the bad example has no '// {id}:' comment on the line of the bug");
        var run = await CrashCheck.AnalyzeAsync(new CrashCheck.Sample($"{id}'s bad example", source));
        var found = run.Diagnostics.Where(d => d.Id.StartsWith("WAKE", StringComparison.Ordinal))
            .Select(d => (Line: d.Location.GetLineSpan().StartLinePosition.Line + 1, d.Id)).ToList();
        Assert.True(found.SequenceEqual(new[] { (marked, id) }),
            $"{id}'s bad example should get {id} on line {marked} alone; it gets:\n{DiagnosticReport.Annotate(source, run.Diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(DocumentationTests.Ids), MemberType = typeof(DocumentationTests))]
    public async Task GoodExampleGetsNoWakeDiagnostic(string id)
    {
        var source = RulePage.Load(id).CodeBlocks("Good example", "csharp").Single();
        var run = await CrashCheck.AnalyzeAsync(new CrashCheck.Sample($"{id}'s good example", source));
        Assert.True(run.Diagnostics.Length == 0, $"{id}'s good example gets:\n{DiagnosticReport.Annotate(source, run.Diagnostics)}");
    }

    [Theory]
    [MemberData(nameof(DocumentationTests.Ids), MemberType = typeof(DocumentationTests))]
    public void CodeFixColumnSaysWhetherAFixExists(string id)
    {
        var fixes = typeof(Wakers.CodeFixes.StoreWakerFix).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
            .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
            .Where(f => f.FixableDiagnosticIds.Contains(id))
            .ToList();
        var claim = RulePage.Load(id).HeaderTable()["Code fix"];
        Assert.True(claim.StartsWith("yes", StringComparison.Ordinal) == fixes.Count > 0,
            $"{id}'s page says '{claim}', and the fixes for it are: {(fixes.Count == 0 ? "none" : string.Join(", ", fixes.Select(f => f.GetType().Name)))}");
    }
}
