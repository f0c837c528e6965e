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
/// Runs rules on sources of growing size and reads the work they count (<see cref="TypeModelWork"/>,
/// <see cref="RegistrationWork"/>): linearity shown by a count, never by a clock.
/// </summary>
internal static class WorkCount
{
    /// <summary>The five type rules (WAKE004/005/006/009/010) and the count of the type model they share.</summary>
    public static readonly (ImmutableArray<DiagnosticAnalyzer> Rules, Func<SyntaxTree, long> Of, string What) TypeModel = (
        ImmutableArray.Create<DiagnosticAnalyzer>(
            new CheckThenRegisterAnalyzer(), new WakeBeforePublishAnalyzer(), new PublishWithoutWakeAnalyzer(),
            new RegisterBeforeCheckUnderLockAnalyzer(), new DroppedWakerAnalyzer()),
        TypeModelWork.Of,
        "the type model's work");

    /// <summary>WAKE001/WAKE002 and the count of the registration dataflow they share.</summary>
    public static readonly (ImmutableArray<DiagnosticAnalyzer> Rules, Func<SyntaxTree, long> Of, string What) RegistrationDataflow = (
        ImmutableArray.Create<DiagnosticAnalyzer>(new LostWakeupAnalyzer(), new StaleWakerAnalyzer()),
        RegistrationWork.Of,
        "the registration dataflow's work");

    /// <summary>Asserts that each doubling of <paramref name="sizes"/> about doubles the counted work of <paramref name="counted"/>.</summary>
    public static async Task AssertDoublesWithSize(
        (ImmutableArray<DiagnosticAnalyzer> Rules, Func<SyntaxTree, long> Of, string What) counted,
        string shape, int[] sizes, Func<int, string> source, string unit)
    {
        var counts = new long[sizes.Length];
        for (var i = 0; i < sizes.Length; i++) counts[i] = await On(source(sizes[i]), counted.Rules, counted.Of);
        var report = string.Join(", ", sizes.Select((n, i) => $"{n:N0} {unit}: {counts[i]:N0}"));
        Assert.True(counts[0] >= sizes[0], $"{counted.What} on the {shape} method is implausibly small ({report}): is it still counted?");
        for (var i = 1; i < sizes.Length; i++)
        {
            var ratio = (double)counts[i] / counts[i - 1];
            Assert.True(ratio is > 1.6 and < 2.4, $"doubling the {shape} method multiplied {counted.What} by {ratio:F2}, not about 2 ({report})");
        }
    }

    private static async Task<long> On(string source, ImmutableArray<DiagnosticAnalyzer> rules, Func<SyntaxTree, long> workOf)
    {
        var compilation = TestProject.Compile(source);
        // The compiler's nullable analysis of a huge method is not what these tests are about.
        compilation = compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var run = await AnalyzerRun.RunAsync(compilation, rules);
        Assert.True(run.Crashes.Count == 0, string.Join("\n\n", run.Crashes));
        return compilation.SyntaxTrees.Sum(workOf);
    }
}
