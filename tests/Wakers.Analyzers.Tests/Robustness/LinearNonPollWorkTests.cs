using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Flow;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// The type model's work on a non-poll method is linear in its size: a local reassigned and woken after each
/// assignment (where its value comes from is looked up once, not walked per wake), and many <c>Monitor.Enter</c> calls in
/// one block (the block's <c>Exit</c> calls are found in one walk, not one walk of the rest of the block per call).
/// Counted (<see cref="TypeModelWork"/>), never timed.
/// </summary>
public class LinearNonPollWorkTests
{
    [Theory]
    [InlineData("rewoken")]
    [InlineData("entered")]
    public async Task DoublingANonPollMethodDoublesTheTypeModelsWork(string shape)
    {
        var sizes = new[] { 400, 800, 1_600 };
        var counts = new long[sizes.Length];
        for (var i = 0; i < sizes.Length; i++) counts[i] = await WorkOn(Source(shape, sizes[i]));
        var report = string.Join(", ", sizes.Select((n, i) => $"{n:N0} repeats: {counts[i]:N0}"));
        Assert.True(counts[0] >= sizes[0], $"the work count of the {shape} method is implausibly small ({report}): is it still counted?");
        for (var i = 1; i < sizes.Length; i++)
        {
            var ratio = (double)counts[i] / counts[i - 1];
            Assert.True(ratio is > 1.6 and < 2.4, $"doubling the {shape} method multiplied the type model's work by {ratio:F2}, not about 2 ({report})");
        }
    }

    private static string Source(string shape, int repeats)
    {
        var s = new StringBuilder("using System.Threading;\nusing Wakers;\n\nnamespace Linear.NonPoll;\n\npublic sealed class Signal : IFuture<int>\n{\n" +
            "    private readonly object _gate = new();\n    private int _count;\n    private Waker? _first;\n    private Waker? _second;\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        lock (_gate)\n        {\n            if (_count > 0) return Poll<int>.Ready(_count);\n" +
            "            _first = cx.Waker;\n            return Poll<int>.Pending;\n        }\n    }\n\n    public void Fire()\n    {\n");
        s.Append(shape == "rewoken" ? "        Waker? w;\n" : "");
        for (var i = 0; i < repeats; i++)
        {
            s.Append(shape == "rewoken"
                ? (i % 2 == 0 ? "        w = _first; _first = null; _count++; w?.Wake();\n" : "        w = _second; _second = null; _count++; w?.Wake();\n")
                : "        Monitor.Enter(_gate); _count++;\n");
        }
        if (shape == "entered")
        {
            for (var i = 0; i < repeats; i++) s.Append("        Monitor.Exit(_gate);\n");
            s.Append("        _first?.Wake();\n");
        }
        s.Append("    }\n}\n");
        return s.ToString();
    }

    private static async Task<long> WorkOn(string source)
    {
        var compilation = TestProject.Compile(source);
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
