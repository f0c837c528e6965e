using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Wakers.PackageTests;

/// <summary><c>wakers.blocking_methods</c> as a consumer sets it: in its <c>.editorconfig</c> or a <c>.globalconfig</c>.</summary>
[Collection(PackageCollection.Name)]
public class BlockingMethodsOptionTests
{
    private const string Gate = """
        using Wakers;

        namespace Consumer.Sync;

        public sealed class Gate
        {
            public void Wait() { }
        }

        public sealed class Passage : IFuture<int>
        {
            private readonly Gate _gate = new();

            public Poll<int> Poll(Context cx)
            {
                _gate.Wait(); // blocks
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }
        }
        """;

    private readonly PackedWakers _package;

    public BlockingMethodsOptionTests(PackedWakers package) => _package = package;

    [Fact]
    public void AnEditorConfigNamesABlockingMethod()
    {
        var dir = Consumer("EditorConfigBlocking");
        File.WriteAllText(Path.Combine(dir, ".editorconfig"), "root = true\n\n[*.cs]\nwakers.blocking_methods = Consumer.Sync.Gate.Wait\n");
        AssertBlockingReported(dir);
    }

    [Fact]
    public void AGlobalConfigNamesABlockingMethod()
    {
        var dir = Consumer("GlobalConfigBlocking");
        File.WriteAllText(Path.Combine(dir, ".globalconfig"), "is_global = true\n\nwakers.blocking_methods = Consumer.Sync.Gate.Wait\n");
        AssertBlockingReported(dir);
    }

    private string Consumer(string name)
    {
        var dir = _package.CreateConsumer(name, "Bugs", "Library");
        File.WriteAllText(Path.Combine(dir, "Gate.cs"), Gate);
        return dir;
    }

    private static void AssertBlockingReported(string dir)
    {
        var line = File.ReadLines(Path.Combine(dir, "Gate.cs")).Select((text, i) => (text, i)).Single(l => l.text.Contains("// blocks")).i + 1;
        var build = PackedWakers.Build(dir);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex($@"Gate\.cs\({line},\d+\): warning WAKE007: "), build.Output);
    }
}
