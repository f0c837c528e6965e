using System.Linq;
using Xunit;

namespace Wakers.PackageTests;

/// <summary>`dotnet build samples/LostWakeups` succeeds (its bugs are warnings, never errors) and no analyzer crashes on it.</summary>
public class SampleBuildTests : IClassFixture<SampleBuild>
{
    private readonly SampleBuild _sample;

    public SampleBuildTests(SampleBuild sample) => _sample = sample;

    [Fact]
    public void SampleBuildsWithoutErrorsOrAnalyzerCrashes()
    {
        Assert.True(_sample.Result.ExitCode == 0, _sample.Result.ToString());
        Assert.DoesNotContain("AD0001", _sample.Result.Output);
        Assert.DoesNotContain(": error ", _sample.Result.Output);
    }

    [Fact]
    public void SampleMarksTheRequiredKindsOfBug()
    {
        var ids = _sample.Marks.Select(m => m.Id).Distinct().ToList();
        foreach (var id in new[] { "WAKE001", "WAKE002", "WAKE004", "WAKE005", "WAKE007" }) Assert.Contains(id, ids);
    }
}
