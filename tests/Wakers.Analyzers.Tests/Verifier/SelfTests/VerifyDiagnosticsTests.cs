using System.Threading.Tasks;
using Xunit;
using Xunit.Sdk;

namespace Wakers.Analyzers.Tests.Verifier.SelfTests;

/// <summary>Proves that Verify.Diagnostics and Verify.Valid fail when they should, not only that they pass.</summary>
public class VerifyDiagnosticsTests
{
    private const string SleepyFuture = """
        using System.Threading;
        using Wakers;

        public sealed class Sleepy : IFuture<Unit>
        {
            public Poll<Unit> Poll(Context cx)
            {
                Thread.Sleep(1);
                return Poll<Unit>.Ready(Unit.Value);
            }
        }
        """;

    [Fact]
    public async Task DiagnosticsPassesOnTheExactSpan()
    {
        await Verify.Diagnostics<SleepInPollAnalyzer>(SleepyFuture.Replace("Thread.Sleep(1)", "[|Thread.Sleep(1)|]"));
        await Verify.Diagnostics<SleepInPollAnalyzer>(SleepyFuture.Replace("Thread.Sleep(1)", "{|TEST001:Thread.Sleep(1)|}"));
    }

    [Fact]
    public async Task DiagnosticsFailsOnAMissingDiagnostic()
    {
        var markup = SleepyFuture.Replace("Thread.Sleep(1);", "Thread.Sleep(1);\n        [|System.Console.WriteLine()|];");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Diagnostics<SleepInPollAnalyzer>(markup));
        Assert.Contains("Expected but not reported", failure.Message);
        Assert.Contains("System.Console.WriteLine()", failure.Message);
    }

    [Fact]
    public async Task DiagnosticsFailsOnAnUnexpectedDiagnosticAndShowsIt()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Diagnostics<SleepInPollAnalyzer>(SleepyFuture));
        Assert.Contains("Reported but not expected", failure.Message);
        Assert.Contains("{|TEST001:Thread.Sleep(1)|}", failure.Message);
        Assert.Contains("8:9-8:24 TEST001", failure.Message);
    }

    [Fact]
    public async Task DiagnosticsFailsOnAMisplacedSpan()
    {
        var markup = SleepyFuture.Replace("Thread.Sleep(1);", "[|Thread.Sleep(1);|]");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Diagnostics<SleepInPollAnalyzer>(markup));
        Assert.Contains("Expected but not reported", failure.Message);
        Assert.Contains("Reported but not expected", failure.Message);
    }

    [Fact]
    public async Task DiagnosticsFailsOnAnIdTheAnalyzerDoesNotReport()
    {
        var markup = SleepyFuture.Replace("Thread.Sleep(1)", "{|WAKE007:Thread.Sleep(1)|}");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Diagnostics<SleepInPollAnalyzer>(markup));
        Assert.Contains("WAKE007", failure.Message);
    }

    [Fact]
    public async Task SquareMarkupNeedsAnAnalyzerWithOneId()
    {
        var markup = SleepyFuture.Replace("Thread.Sleep(1)", "[|Thread.Sleep(1)|]");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Diagnostics<TwoIdAnalyzer>(markup));
        Assert.Contains("TEST001, TEST002", failure.Message);
    }

    [Fact]
    public async Task ASourceThatDoesNotCompileFails()
    {
        var broken = SleepyFuture.Replace("return Poll<Unit>.Ready(Unit.Value);", "return Poll<Unit>.Ready(missing);");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Valid<SleepInPollAnalyzer>(broken));
        Assert.Contains("does not compile", failure.Message);
        Assert.Contains("CS0103", failure.Message);
    }

    [Fact]
    public async Task ImplicitUsingsAreNotAdded()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Valid<SleepInPollAnalyzer>(SleepyFuture.Replace("using System.Threading;\n", "")));
        Assert.Contains("CS0103", failure.Message);
    }

    [Fact]
    public async Task AnAnalyzerThatThrowsFailsWithTheStack()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Valid<ThrowingAnalyzer>(SleepyFuture));
        Assert.Contains("deliberate analyzer bug", failure.Message);
        Assert.Contains("ThrowingAnalyzer", failure.Message);
        Assert.Contains(" at ", failure.Message);
    }

    [Fact]
    public async Task ValidPassesWithoutDiagnosticsAndFailsWithOne()
    {
        await Verify.Valid<SleepInPollAnalyzer>(SleepyFuture.Replace("Poll(Context cx)", "Poll(Context cx) => Next(cx);\n    private Poll<Unit> Next(Context cx)"));
        await Assert.ThrowsAsync<XunitException>(() => Verify.Valid<SleepInPollAnalyzer>(SleepyFuture));
    }

    [Fact]
    public async Task TheRealRuntimeAndNullableAreInScope()
    {
        // A nullable warning is not an error, but a misuse of the runtime's ref struct Context is.
        await Verify.Valid<SleepInPollAnalyzer>("""
            using Wakers;
            public sealed class Holder { public string? Name; public int Length() => Name!.Length; public Waker W = Waker.Noop; }
            """);
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.Valid<SleepInPollAnalyzer>("""
            using Wakers;
            public sealed class Holder { private Context _cx; }
            """));
        Assert.Contains("does not compile", failure.Message);
    }

    [Fact]
    public void MarkupParsesNestedAndExplicitSpans()
    {
        var markup = Markup.Parse("a[|b{|X1:c|}d|]e{|Y2:|}f");
        Assert.Equal("abcdef", markup.Source);
        Assert.Equal(3, markup.Expected.Count);
        Assert.Equal(new ExpectedDiagnostic(null, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(1, 4)), markup.Expected[0]);
        Assert.Equal(new ExpectedDiagnostic("X1", Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(2, 3)), markup.Expected[1]);
        Assert.Equal(new ExpectedDiagnostic("Y2", Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(5, 5)), markup.Expected[2]);
        Assert.Throws<System.ArgumentException>(() => Markup.Parse("a[|b"));
        Assert.Equal("x || y | z", Markup.Parse("x || y | z").Source);
    }
}
