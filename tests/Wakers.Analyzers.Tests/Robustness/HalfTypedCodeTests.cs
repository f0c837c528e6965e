using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Every analyzer survives the corpus cases as they are, cut short, and with tokens deleted or doubled.</summary>
public class HalfTypedCodeTests
{
    [Fact]
    public void EveryRuleHasAnAnalyzerToStress()
    {
        // The reflection must find the shipped analyzers, or every test below would pass vacuously.
        Assert.NotEmpty(AllAnalyzers.Types);
        Assert.All(AllAnalyzers.Create(), a => Assert.NotEmpty(a.SupportedDiagnostics));
    }

    [Fact]
    public void CorpusCopiesAreThereAndCompile()
    {
        Assert.True(CorpusCases.All.Count >= 30, $"only {CorpusCases.All.Count} corpus cases are embedded");
        foreach (var (name, source) in CorpusCases.All)
        {
            var errors = TestProject.Compile(source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(errors.Count == 0, $"{name} does not compile:\n{DiagnosticReport.List(errors)}");
        }
    }

    [Fact]
    public async Task CorpusCasesAsTheyAre()
    {
        await CrashCheck.NoAnalyzerThrowsAsync(CorpusCases.All.Select(c => new CrashCheck.Sample(c.Name, c.Source)).ToList(), batchSize: 1);
    }

    [Fact]
    public async Task CorpusCasesCutShort()
    {
        var random = new Random(Stress.Seed);
        var step = Stress.Pick(37, 7);
        var samples = CorpusCases.All.SelectMany(c => SourceMutations.Truncations(c.Name, c.Source, step, random)).ToList();
        Assert.True(samples.Count > CorpusCases.All.Count * 5, $"only {samples.Count} truncations");
        await CrashCheck.NoAnalyzerThrowsAsync(samples);
    }

    [Fact]
    public async Task CorpusCasesWithTokensDeletedOrDoubled()
    {
        var random = new Random(Stress.Seed + 1);
        var perCase = Stress.Pick(12, 200);
        var samples = CorpusCases.All.SelectMany(c => SourceMutations.TokenEdits(c.Name, c.Source, perCase, random)).ToList();
        await CrashCheck.NoAnalyzerThrowsAsync(samples);
    }

    [Fact]
    public void TestSourcesAreFound()
    {
        // The rule tests' sources must be found, or the two tests below would pass on nothing.
        Assert.True(TestSources.All.Count >= 200, $"only {TestSources.All.Count} test sources found");
        Assert.Contains(TestSources.All, s => s.Name.StartsWith("WAKE010/", StringComparison.Ordinal));
        Assert.DoesNotContain(TestSources.All, s => s.Source.Contains("[|", StringComparison.Ordinal));
    }

    [Fact]
    public Task HeldOutStyleCasesCutShortAndWithTokensDeletedOrDoubled() => CutAndEdited(CorpusCases.HeldOutStyle, Stress.Seed + 2);

    [Fact]
    public Task TestSourcesCutShortAndWithTokensDeletedOrDoubled() => CutAndEdited(TestSources.All, Stress.Seed + 3);

    [Fact]
    public async Task CorpusCasesAllInOneCompilation()
    {
        // Each case is its own tree of one compilation, as in a user's project: cross-file lookups must not trip anything.
        await CrashCheck.NoAnalyzerThrowsAsync(CorpusCases.All.Select(c => new CrashCheck.Sample(c.Name, c.Source)).ToList(), batchSize: int.MaxValue);
    }

    // Fewer cuts per source than the corpus gets (there are ten times as many sources), each at a seeded point.
    private static async Task CutAndEdited(IReadOnlyList<(string Name, string Source)> sources, int seed)
    {
        var random = new Random(seed);
        var cuts = Stress.Pick(4, 40);
        var edits = Stress.Pick(2, 60);
        var samples = sources.SelectMany(c => SourceMutations.Truncations(c.Name, c.Source, Math.Max(7, c.Source.Length / cuts), random)
            .Concat(SourceMutations.TokenEdits(c.Name, c.Source, edits, random))).ToList();
        Assert.True(samples.Count >= sources.Count * (cuts + edits - 2), $"only {samples.Count} samples from {sources.Count} sources");
        await CrashCheck.NoAnalyzerThrowsAsync(samples);
    }
}
