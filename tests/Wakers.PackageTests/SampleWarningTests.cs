using System.Linq;
using Xunit;

namespace Wakers.PackageTests;

/// <summary>Each deliberate bug of samples/LostWakeups shows its rule's warning on its marked line, and nothing else warns.</summary>
public class SampleWarningTests : IClassFixture<SampleBuild>
{
    private readonly SampleBuild _sample;

    public SampleWarningTests(SampleBuild sample) => _sample = sample;

    [Theory]
    [InlineData("WAKE001")]
    [InlineData("WAKE002")]
    [InlineData("WAKE003")]
    [InlineData("WAKE004")]
    [InlineData("WAKE005")]
    [InlineData("WAKE007")]
    [InlineData("WAKE008")]
    public void MarkedBugWarnsOnItsLine(string id)
    {
        var marks = _sample.Marks.Where(m => m.Id == id).ToList();
        Assert.NotEmpty(marks);
        foreach (var mark in marks)
        {
            Assert.True(_sample.Warnings.Any(w => w.File == mark.File && w.Line == mark.Line && w.Id == id && w.Message.Length > 0),
                $"expected {id} at {mark.File}({mark.Line}); the build showed:\n" + string.Join("\n", _sample.Warnings));
        }
    }

    [Fact]
    public void NoWarningOutsideTheMarkedLines()
    {
        var unmarked = _sample.Warnings.Where(w => !_sample.Marks.Any(m => m.File == w.File && m.Line == w.Line && m.Id == w.Id)).ToList();
        Assert.True(unmarked.Count == 0, "warnings on the sample's correct code:\n" + string.Join("\n", unmarked));
    }
}
