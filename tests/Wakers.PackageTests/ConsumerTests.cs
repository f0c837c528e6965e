using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Wakers.PackageTests;

/// <summary>A project that references only the package gets the analyzers' warnings and a working runtime.</summary>
[Collection(PackageCollection.Name)]
public class ConsumerTests
{
    private readonly PackedWakers _package;

    public ConsumerTests(PackedWakers package) => _package = package;

    [Fact]
    public void DeliberateLostWakeupIsAWarningInAPlainBuild()
    {
        var dir = _package.CreateConsumer("BuggyConsumer", "Bugs", "Library");
        var build = PackedWakers.Build(dir);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("AD0001", build.Output);
        var line = PackedWakers.LostWakeupLine(dir);
        Assert.Matches(new Regex($@"LostWakeup\.cs\({line},\d+\): warning WAKE001: "), build.Output);
    }

    [Fact]
    public void RuntimeRunsBlockOnSpawnSleepAndTaskInterop()
    {
        var dir = _package.CreateConsumer("RuntimeConsumer", "Runtime", "Exe");
        var build = PackedWakers.Build(dir);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("AD0001", build.Output);
        Assert.DoesNotMatch(new Regex(@"warning WAKE\d{3}"), build.Output); // correct futures get no warning
        var program = Directory.GetFiles(dir, "RuntimeConsumer.dll", SearchOption.AllDirectories).Single(p => p.Contains(Path.Combine("bin", "Debug"), StringComparison.Ordinal));
        var run = DotNet.Execute("dotnet", dir, new[] { program }, TimeSpan.FromMinutes(3));
        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("all checks passed", run.Output);
    }
}
