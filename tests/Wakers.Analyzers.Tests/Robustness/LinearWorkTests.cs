using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// The type rules (WAKE004/005/006/009/010) do work linear in one method's size: the operations, blocks, edges and
/// reads their type model visits are counted (<see cref="TypeModelWork"/>), never timed. Doubling a method must about
/// double the count; a walk per store or per read pair would quadruple it. So does WAKE001/WAKE002's dataflow
/// (<see cref="RegistrationWork"/>).
/// </summary>
public class LinearWorkTests
{
    [Theory]
    [InlineData("huge")]
    [InlineData("locked")]
    [InlineData("loop")]
    [InlineData("wide")]
    public async Task DoublingAMethodDoublesTheTypeModelsWork(string shape)
    {
        var sizes = new[] { 400, 800, 1_600 };
        var counts = new long[sizes.Length];
        for (var i = 0; i < sizes.Length; i++) counts[i] = await WorkOn(Source(shape, sizes[i]), TypeRules(), TypeModelWork.Of);
        var report = string.Join(", ", sizes.Select((n, i) => $"{n:N0} lines: {counts[i]:N0}"));
        Assert.True(counts[0] >= sizes[0], $"the work count of the {shape} method is implausibly small ({report}): is it still counted?");
        for (var i = 1; i < sizes.Length; i++)
        {
            var ratio = (double)counts[i] / counts[i - 1];
            Assert.True(ratio is > 1.6 and < 2.4, $"doubling the {shape} method multiplied the type model's work by {ratio:F2}, not about 2 ({report})");
        }
    }

    /// <summary>
    /// WAKE001/WAKE002's dataflow processes each block once per path it holds (a bounded set), and a path state copied
    /// into a block must not grow with the method: a wide switch learns one comparison per case, which used to be
    /// copied into every later case's state (the count adds the facts a block carries in, so it would quadruple).
    /// </summary>
    [Theory]
    [InlineData("huge")]
    [InlineData("locked")]
    [InlineData("loop")]
    [InlineData("wide")]
    public async Task DoublingAPollMethodDoublesTheRegistrationDataflowsWork(string shape)
    {
        var sizes = new[] { 400, 800, 1_600 };
        var counts = new long[sizes.Length];
        for (var i = 0; i < sizes.Length; i++) counts[i] = await WorkOn(Source(shape, sizes[i]), RegistrationRules(), RegistrationWork.Of);
        var report = string.Join(", ", sizes.Select((n, i) => $"{n:N0} lines: {counts[i]:N0}"));
        Assert.True(counts[0] >= sizes[0], $"the dataflow's work count of the {shape} method is implausibly small ({report}): is it still counted?");
        for (var i = 1; i < sizes.Length; i++)
        {
            var ratio = (double)counts[i] / counts[i - 1];
            Assert.True(ratio is > 1.6 and < 2.4, $"doubling the {shape} method multiplied the registration dataflow's work by {ratio:F2}, not about 2 ({report})");
        }
    }

    private static string Source(string shape, int lines) => shape switch
    {
        "huge" => StressSources.HugePoll(lines),
        "locked" => StressSources.HugeLockedPoll(lines),
        "loop" => StressSources.HugeLoopPoll(lines),
        // A case is about three lines, and an arm one more (a multiple of 5 cases, so the last case does not jump past the end).
        _ => StressSources.WideSwitch(lines / 4),
    };

    private static async Task<long> WorkOn(string source, ImmutableArray<DiagnosticAnalyzer> analyzers, Func<SyntaxTree, long> workOf)
    {
        var compilation = TestProject.Compile(source);
        // The compiler's nullable analysis of a huge method is not what this test is about.
        compilation = compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var run = await AnalyzerRun.RunAsync(compilation, analyzers);
        Assert.True(run.Crashes.Count == 0, string.Join("\n\n", run.Crashes));
        return compilation.SyntaxTrees.Sum(workOf);
    }

    private static ImmutableArray<DiagnosticAnalyzer> RegistrationRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
        new LostWakeupAnalyzer(), new StaleWakerAnalyzer());

    private static ImmutableArray<DiagnosticAnalyzer> TypeRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
        new CheckThenRegisterAnalyzer(), new WakeBeforePublishAnalyzer(), new PublishWithoutWakeAnalyzer(),
        new RegisterBeforeCheckUnderLockAnalyzer(), new DroppedWakerAnalyzer());
}
