using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE007;

/// <summary><c>wakers.blocking_methods</c>: a project names its own blocking methods, and WAKE007 reports them in polls.</summary>
public class ConfiguredBlockingMethodsTests
{
    private const string Gate = """
        using Wakers;

        namespace MyLib.Sync
        {
            public sealed class Gate
            {
                public void Wait() { }
                public void Wait(int spins) { }
                public bool TryPass() => true;
                public static void Block(Gate gate) { }
            }

            public sealed class Outer<T>
            {
                public sealed class Latch { public void Hold() { } }
            }
        }

        """;

    private static TestAnalyzerConfig EveryFile(string value) => new(perFile: new Dictionary<string, string> { ["wakers.blocking_methods"] = value });

    [Fact]
    public Task EveryOverloadOfAConfiguredMethodBlocks() => Verify.Diagnostics<BlockingInPollAnalyzer>(Gate + """
        public sealed class Passage : IFuture<int>
        {
            private readonly MyLib.Sync.Gate _gate = new();

            public Poll<int> Poll(Context cx)
            {
                [|_gate.Wait()|];
                [|_gate.Wait(3)|];
                if (_gate.TryPass()) return Poll<int>.Ready(1);
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }
        }
        """, EveryFile("MyLib.Sync.Gate.Wait"));

    [Fact]
    public Task SeveralEntriesWithDocIdsParameterListsAndNestedGenericTypes() => Verify.Diagnostics<BlockingInPollAnalyzer>(Gate + """
        public sealed class Passage : IFuture<int>
        {
            private readonly MyLib.Sync.Gate _gate = new();
            private readonly MyLib.Sync.Outer<int>.Latch _latch = new();

            public Poll<int> Poll(Context cx)
            {
                [|MyLib.Sync.Gate.Block(_gate)|];
                [|_latch.Hold()|];
                Helper();
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }

            private void Helper() => [|_gate.Wait(1)|];
        }
        """, EveryFile("M:MyLib.Sync.Gate.Block(MyLib.Sync.Gate); MyLib.Sync.Outer.Latch.Hold,\n  MyLib.Sync.Gate.Wait(System.Int32, System.Int32)"));

    [Fact]
    public Task AGlobalConfigCountsForEveryFile() => Verify.Diagnostics<BlockingInPollAnalyzer>(Gate + """
        public sealed class Passage : IFuture<int>
        {
            private readonly MyLib.Sync.Gate _gate = new();

            public Poll<int> Poll(Context cx)
            {
                [|_gate.Wait()|];
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }
        }
        """, new TestAnalyzerConfig(global: new Dictionary<string, string> { ["wakers.blocking_methods"] = "MyLib.Sync.Gate.Wait" }));

    [Theory]
    [InlineData("")]
    [InlineData("Wait")]
    [InlineData(" , ; ")]
    [InlineData("MyLib.Sync.Gate.")]
    [InlineData("MyLib.Sync.Gate.TryPass")]
    [InlineData("MyLib.Sync.Other.Wait")]
    public Task NothingElseBlocks(string value) => Verify.Diagnostics<BlockingInPollAnalyzer>(Gate + """
        public sealed class Passage : IFuture<int>
        {
            private readonly MyLib.Sync.Gate _gate = new();

            public Poll<int> Poll(Context cx)
            {
                _gate.Wait();
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }
        }
        """, EveryFile(value));

    /// <summary>The option is read per file, as an <c>.editorconfig</c> section gives it: a file outside the section is not affected.</summary>
    [Fact]
    public async Task OnlyTheFilesTheSectionCovers()
    {
        var poll = """
            public sealed class Passage{0} : Wakers.IFuture<int>
            {{
                private readonly MyLib.Sync.Gate _gate = new();

                public Wakers.Poll<int> Poll(Wakers.Context cx)
                {{
                    _gate.Wait();
                    cx.Waker.Wake();
                    return Wakers.Poll<int>.Pending;
                }}
            }}
            """;
        var compilation = TestProject.Compile(Gate, string.Format(poll, 1), string.Format(poll, 2));
        var config = new TestAnalyzerConfig(byPath: new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["Test1.cs"] = new Dictionary<string, string> { ["wakers.blocking_methods"] = "MyLib.Sync.Gate.Wait" },
        });
        var run = await AnalyzerRun.RunAsync(compilation, ImmutableArray.Create<DiagnosticAnalyzer>(new BlockingInPollAnalyzer()), default, config);
        Assert.Empty(run.Crashes);
        var reported = run.Diagnostics.Where(d => d.Id == "WAKE007").Select(d => d.Location.SourceTree!.FilePath).ToArray();
        Assert.Equal(new[] { "Test1.cs" }, reported);
    }
}
