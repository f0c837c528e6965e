using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Every analyzer survives generated extremes; each source compiles, so the analyzers see real semantics.</summary>
public class StressSourceTests
{
    [Fact]
    public Task DeepNesting() => CompilesAndSurvives("deep nesting", StressSources.DeepNesting(Stress.Pick(120, 400)));

    [Fact]
    public Task HugePollMethod() =>
        // 5,000 lines (10,000 in the long run). The compiler's own nullable analysis of such a method costs more than the
        // analyzers this test is about: off here. LinearWorkTests shows the type rules' work grows linearly with the size.
        CompilesAndSurvives($"a {Stress.Pick(5_000, 10_000):N0}-line poll method", new[] { StressSources.HugePoll(Stress.Pick(5_000, 10_000)) },
            nullable: NullableContextOptions.Disable);

    [Fact]
    public Task WideSwitch() => CompilesAndSurvives("a 500-case switch", StressSources.WideSwitch(Stress.Pick(500, 2_000)));

    [Fact]
    public Task LongElseIfChain() =>
        // The compiler's nullable analysis of a long else-if chain grows faster than linearly: off, as for the huge poll.
        CompilesAndSurvives($"a {Stress.Pick(2_000, 5_000):N0}-state else-if chain", new[] { DeepChainSources.ElseIfChain(Stress.Pick(2_000, 5_000)) },
            nullable: NullableContextOptions.Disable);

    [Fact]
    public Task LongOperatorChains() =>
        // 5,000 terms: a recursive walk of the sum overflowed a thread-pool thread's stack here (the whole process dies).
        CompilesAndSurvives($"{Stress.Pick(5_000, 10_000):N0}-term operator chains", DeepChainSources.OperatorChains(Stress.Pick(5_000, 10_000)));

    [Fact]
    public Task LongFluentChain() =>
        // 4,000 calls, each the receiver of the next: the walk goes on a fresh stack where the thread's runs low.
        CompilesAndSurvives($"a {Stress.Pick(4_000, 5_000):N0}-call fluent chain", DeepChainSources.FluentChain(Stress.Pick(4_000, 5_000)));

    [Fact]
    public Task ManyGuardsAndSlots() =>
        // The guard search's worst shapes at full size: tests that reach no store, a slot per test, a state machine in a loop.
        CompilesAndSurvives("the guard search's shapes", new[]
        {
            GuardSearchSources.TestsAfterTheStores(Stress.Pick(5_000, 10_000)),
            GuardSearchSources.SlotPerTest(Stress.Pick(2_000, 5_000)),
            GuardSearchSources.LoopedMachine(Stress.Pick(1_500, 6_000)),
            GuardSearchSources.GuardedHelper(Stress.Pick(2_000, 5_000)),
        }, nullable: NullableContextOptions.Disable);

    [Fact]
    public Task RecursiveHelpers() => CompilesAndSurvives("recursive helpers", StressSources.RecursiveHelpers());

    [Fact]
    public Task PartialGenericTypes() => CompilesAndSurvives("partial generic types", StressSources.PartialGenericTypes());

    [Fact]
    public Task ConditionalRegions() => CompilesAndSurvives("#if regions", StressSources.ConditionalRegions());

    [Fact]
    public Task UnsafeCode() => CompilesAndSurvives("unsafe code", StressSources.UnsafeCode());

    [Fact]
    public Task OddShapes() => CompilesAndSurvives("odd shapes", StressSources.OddShapes());

    [Fact]
    public Task TopLevelStatements() => CompilesAndSurvives("top-level statements", new[] { StressSources.TopLevelStatements() }, OutputKind.ConsoleApplication);

    private static Task CompilesAndSurvives(string origin, string source) => CompilesAndSurvives(origin, new[] { source });

    private static async Task CompilesAndSurvives(string origin, string[] sources, OutputKind kind = OutputKind.DynamicallyLinkedLibrary,
        NullableContextOptions nullable = NullableContextOptions.Enable, bool alsoCut = true)
    {
        var compilation = TestProject.Compile(kind, sources);
        compilation = compilation.WithOptions(compilation.Options.WithNullableContextOptions(nullable));
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"the {origin} source does not compile:\n{DiagnosticReport.List(errors.Take(20))}\n" +
            DiagnosticReport.Numbered(sources[0].Length > 20_000 ? sources[0][..20_000] : sources[0]));
        var run = await AnalyzerRun.RunAsync(compilation, AllAnalyzers.Create());
        Assert.True(run.Crashes.Count == 0, $"an analyzer threw (AD0001) on {origin}:\n{string.Join("\n\n", run.Crashes)}");
        // Half-typed versions of the same extremes.
        if (!alsoCut) return;
        await CrashCheck.NoAnalyzerThrowsAsync(sources.Select((s, i) => new CrashCheck.Sample($"{origin} (tree {i}) cut at {s.Length * 2 / 3}", s[..(s.Length * 2 / 3)])).ToList(), kind);
    }
}
