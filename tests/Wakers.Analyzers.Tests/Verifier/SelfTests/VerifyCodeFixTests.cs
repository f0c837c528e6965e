using System.Threading.Tasks;
using Xunit;
using Xunit.Sdk;

namespace Wakers.Analyzers.Tests.Verifier.SelfTests;

/// <summary>Proves that Verify.CodeFix, FixAll and NoFix apply fixes through a workspace and fail when they should.</summary>
public class VerifyCodeFixTests
{
    private const string Before = """
        using System.Threading;
        using Wakers;

        public sealed class Sleepy : IFuture<Unit>
        {
            private bool _twice;

            public Poll<Unit> Poll(Context cx)
            {
                [|Thread.Sleep(1)|];
                if (_twice)
                {
                    [|Thread.Sleep(2)|];
                }
                return Poll<Unit>.Ready(Unit.Value);
            }
        }
        """;

    private const string AfterFirst = """
        using System.Threading;
        using Wakers;

        public sealed class Sleepy : IFuture<Unit>
        {
            private bool _twice;

            public Poll<Unit> Poll(Context cx)
            {
                if (_twice)
                {
                    Thread.Sleep(2);
                }
                return Poll<Unit>.Ready(Unit.Value);
            }
        }
        """;

    private const string AfterAll = """
        using System.Threading;
        using Wakers;

        public sealed class Sleepy : IFuture<Unit>
        {
            private bool _twice;

            public Poll<Unit> Poll(Context cx)
            {
                if (_twice)
                {
                }
                return Poll<Unit>.Ready(Unit.Value);
            }
        }
        """;

    [Fact]
    public async Task CodeFixAppliesTheTitledActionToTheFirstDiagnostic()
    {
        await Verify.CodeFix<SleepInPollAnalyzer, RemoveSleepFix>(Before, AfterFirst, RemoveSleepFix.Title);
    }

    [Fact]
    public async Task CodeFixFindsNestedActionsByTitle()
    {
        await Verify.CodeFix<SleepInPollAnalyzer, NestedRemoveSleepFix>(Before, AfterFirst, RemoveSleepFix.Title);
        await Verify.CodeFix<SleepInPollAnalyzer, NestedRemoveSleepFix>(Before, AfterFirst);
    }

    [Fact]
    public async Task CodeFixFailsOnAnUnknownTitleAndListsTheOfferedOnes()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<SleepInPollAnalyzer, RemoveSleepFix>(Before, AfterFirst, "Nope"));
        Assert.Contains("'Keep the sleep', 'Remove the sleep'", failure.Message);
    }

    [Fact]
    public async Task CodeFixFailsWhenTheResultDiffers()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<SleepInPollAnalyzer, RemoveSleepFix>(Before, AfterAll, RemoveSleepFix.Title));
        Assert.Contains("differs from the expected fixed source", failure.Message);
    }

    [Fact]
    public async Task CodeFixFailsWhenTheMarkupIsWrong()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() =>
            Verify.CodeFix<SleepInPollAnalyzer, RemoveSleepFix>(Before.Replace("[|Thread.Sleep(2)|]", "Thread.Sleep(2)"), AfterFirst, RemoveSleepFix.Title));
        Assert.Contains("Reported but not expected", failure.Message);
    }

    [Fact]
    public async Task CodeFixFailsWhenTheFixedCodeDoesNotCompile()
    {
        var broken = AfterFirst.Replace("    if (_twice)", "    NoSuchMethod();\n        if (_twice)");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<SleepInPollAnalyzer, BreakingFix>(Before, broken));
        Assert.Contains("does not compile", failure.Message);
    }

    [Fact]
    public async Task CodeFixFailsWhenTheFixBringsANewWarning()
    {
        var withUnused = AfterFirst.Replace("    if (_twice)", "    int unused = 1;\n        if (_twice)");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<SleepInPollAnalyzer, WarningFix>(Before, withUnused));
        Assert.Contains("new diagnostics", failure.Message);
        Assert.Contains("CS0219", failure.Message);
    }

    [Fact]
    public async Task CodeFixFailsWhenTheDiagnosticIsStillThere()
    {
        var notFixed = Before.Replace("[|Thread.Sleep(1)|]", "Thread.Sleep(2)").Replace("[|Thread.Sleep(2)|]", "Thread.Sleep(2)");
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.CodeFix<SleepInPollAnalyzer, UselessFix>(Before, notFixed));
        Assert.Contains("still reported (2 before, 2 after)", failure.Message);
    }

    [Fact]
    public async Task FixAllFixesEveryDiagnosticInDocumentAndProjectScope()
    {
        // The fix offers nothing for the sleep under 'if' without braces, so only the block-level ones are fixed.
        await Verify.FixAll<SleepInPollAnalyzer, RemoveSleepFix>(Before, AfterAll, RemoveSleepFix.Title);
    }

    [Fact]
    public async Task FixAllFailsWhenADiagnosticIsLeft()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.FixAll<SleepInPollAnalyzer, RemoveSleepFix>(Before, AfterFirst, RemoveSleepFix.Title));
        Assert.Contains("differs", failure.Message);
        var left = await Assert.ThrowsAsync<XunitException>(() => Verify.FixAll<SleepInPollAnalyzer, UselessFix>(Before,
            Before.Replace("[|Thread.Sleep(1)|]", "Thread.Sleep(2)").Replace("[|Thread.Sleep(2)|]", "Thread.Sleep(2)")));
        Assert.Contains("still reported", left.Message);
    }

    [Fact]
    public async Task FixAllNeedsAFixAllProvider()
    {
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.FixAll<SleepInPollAnalyzer, NestedRemoveSleepFix>(Before, AfterAll));
        Assert.Contains("no fix-all", failure.Message);
    }

    [Fact]
    public async Task NoFixPassesWhenNothingIsOfferedAndFailsOtherwise()
    {
        const string embedded = """
            using System.Threading;
            using Wakers;

            public sealed class Sleepy : IFuture<Unit>
            {
                private bool _twice;

                public Poll<Unit> Poll(Context cx)
                {
                    if (_twice) [|Thread.Sleep(2)|];
                    return Poll<Unit>.Ready(Unit.Value);
                }
            }
            """;
        await Verify.NoFix<SleepInPollAnalyzer, RemoveSleepFix>(embedded);
        var failure = await Assert.ThrowsAsync<XunitException>(() => Verify.NoFix<SleepInPollAnalyzer, RemoveSleepFix>(Before));
        Assert.Contains("'Remove the sleep'", failure.Message);
    }
}
