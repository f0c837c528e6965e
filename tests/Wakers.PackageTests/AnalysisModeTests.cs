using System.IO;
using System.Text.RegularExpressions;
using Xunit;

namespace Wakers.PackageTests;

/// <summary>The package's WakersAnalysisMode presets, as a consumer sets them in its project.</summary>
[Collection(PackageCollection.Name)]
public class AnalysisModeTests
{
    private readonly PackedWakers _package;

    public AnalysisModeTests(PackedWakers package) => _package = package;

    [Fact]
    public void StrictMakesALostWakeupABuildError()
    {
        var dir = _package.CreateConsumer("StrictConsumer", "Bugs", "Library", "<WakersAnalysisMode>strict</WakersAnalysisMode>");
        var build = PackedWakers.Build(dir);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Matches(new Regex($@"LostWakeup\.cs\({PackedWakers.LostWakeupLine(dir)},\d+\): error WAKE001: "), build.Output);
    }

    [Fact]
    public void AUsersEditorConfigWinsOverThePreset()
    {
        var dir = _package.CreateConsumer("StrictButRelaxed", "Bugs", "Library", "<WakersAnalysisMode>Strict</WakersAnalysisMode>");
        File.WriteAllText(Path.Combine(dir, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_diagnostic.WAKE001.severity = warning\n");
        var build = PackedWakers.Build(dir);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Matches(new Regex($@"LostWakeup\.cs\({PackedWakers.LostWakeupLine(dir)},\d+\): warning WAKE001: "), build.Output);
    }

    [Fact]
    public void NoneTurnsTheRulesOff()
    {
        var dir = _package.CreateConsumer("QuietConsumer", "Bugs", "Library", "<WakersAnalysisMode>none</WakersAnalysisMode>");
        var build = PackedWakers.Build(dir);
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.DoesNotContain("WAKE001", build.Output);
    }

    [Fact]
    public void AnUnknownModeIsAClearBuildError()
    {
        var dir = _package.CreateConsumer("TypoConsumer", "Bugs", "Library", "<WakersAnalysisMode>stirct</WakersAnalysisMode>");
        var build = PackedWakers.Build(dir);
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("WakersAnalysisMode is 'stirct', which the Wakers package does not know: use recommended, strict or none.", build.Output);
    }
}
