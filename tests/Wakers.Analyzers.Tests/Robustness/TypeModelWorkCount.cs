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

/// <summary>Runs the five type rules on a source and reads their work count (<see cref="TypeModelWork"/>): a count, never a clock.</summary>
internal static class TypeModelWorkCount
{
    /// <summary>The work count of each size's source, asserted to about double with each doubling of the size.</summary>
    public static async Task AssertDoublesWithSize(string shape, int[] sizes, System.Func<int, string> source, string unit)
    {
        var counts = new long[sizes.Length];
        for (var i = 0; i < sizes.Length; i++) counts[i] = await On(source(sizes[i]));
        var report = string.Join(", ", sizes.Select((n, i) => $"{n:N0} {unit}: {counts[i]:N0}"));
        Assert.True(counts[0] >= sizes[0], $"the work count of the {shape} method is implausibly small ({report}): is it still counted?");
        for (var i = 1; i < sizes.Length; i++)
        {
            var ratio = (double)counts[i] / counts[i - 1];
            Assert.True(ratio is > 1.6 and < 2.4, $"doubling the {shape} method multiplied the type model's work by {ratio:F2}, not about 2 ({report})");
        }
    }

    public static async Task<long> On(string source)
    {
        var compilation = TestProject.Compile(source);
        // The compiler's nullable analysis of a huge method is not what these tests are about.
        compilation = compilation.WithOptions(compilation.Options.WithNullableContextOptions(NullableContextOptions.Disable));
        Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        var run = await AnalyzerRun.RunAsync(compilation, TypeRules());
        Assert.True(run.Crashes.Count == 0, string.Join("\n\n", run.Crashes));
        return compilation.SyntaxTrees.Sum(TypeModelWork.Of);
    }

    private static ImmutableArray<DiagnosticAnalyzer> TypeRules() => ImmutableArray.Create<DiagnosticAnalyzer>(
        new CheckThenRegisterAnalyzer(), new WakeBeforePublishAnalyzer(), new PublishWithoutWakeAnalyzer(),
        new RegisterBeforeCheckUnderLockAnalyzer(), new DroppedWakerAnalyzer());
}
