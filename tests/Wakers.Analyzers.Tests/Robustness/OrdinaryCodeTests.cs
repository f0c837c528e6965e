using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Code that is not a future gets no WAKE diagnostic, even with the runtime referenced and names that look alike.</summary>
public class OrdinaryCodeTests
{
    [Fact]
    public async Task LookAlikeOrdinaryCodeGetsNoDiagnostic()
    {
        var run = await CrashCheck.AnalyzeAsync(new CrashCheck.Sample("ordinary code", OrdinaryCode.Source));
        Assert.Empty(TestProject.Compile(OrdinaryCode.Source).GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.True(run.Diagnostics.Length == 0, "WAKE diagnostics on code with no poll method:\n" + DiagnosticReport.Annotate(OrdinaryCode.Source, run.Diagnostics));
    }
}
