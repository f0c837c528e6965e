using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.TestSupport;
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

    [Fact]
    public async Task TheTestInfrastructureSourcesGetNoDiagnostic()
    {
        // The verifier, documentation and robustness code of this project: real, non-future C# that references the runtime.
        var folders = new[] { "tests/Wakers.Analyzers.Tests/Verifier", "tests/Wakers.Analyzers.Tests/Documentation", "tests/Wakers.Analyzers.Tests/Robustness" };
        var trees = folders.SelectMany(f => Directory.GetFiles(Repository.PathOf(f), "*.cs", SearchOption.AllDirectories))
            .Select(p => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(p)), TestProject.ParseOptions, p))
            .ToList();
        Assert.True(trees.Count >= 10, $"only {trees.Count} source files found");
        var references = TestProject.References.Concat(Directory.GetFiles(AppContext.BaseDirectory, "*.dll")
            .Where(p => !Path.GetFileName(p).Equals("Wakers.dll", StringComparison.OrdinalIgnoreCase))
            .Select(p => MetadataReference.CreateFromFile(p)));
        // Named as the test assembly, so the analyzers' InternalsVisibleTo lets it see Descriptors.
        var compilation = CSharpCompilation.Create("Wakers.Analyzers.Tests", trees, references, TestProject.CompilationOptions());
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, "the test infrastructure does not compile here:\n" + DiagnosticReport.List(errors.Take(20)));
        var run = await AnalyzerRun.RunAsync(compilation, AllAnalyzers.Create());
        Assert.Empty(run.Crashes);
        Assert.True(run.Diagnostics.Length == 0, "WAKE diagnostics on the test infrastructure:\n" + DiagnosticReport.List(run.Diagnostics));
    }

    [Fact]
    public async Task TheRuntimesOwnSourceDoesNotCrashTheAnalyzers()
    {
        // The runtime has real poll methods, executors and wakers: whatever the rules say about it, none may throw.
        var files = Directory.GetFiles(Repository.PathOf("src/Wakers"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                     && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        var compilation = CSharpCompilation.Create("RuntimeSource",
            files.Select(p => CSharpSyntaxTree.ParseText(SourceText.From(File.ReadAllText(p)), TestProject.ParseOptions, p)),
            TestProject.References.Where(r => !string.Equals(Path.GetFileName(r.Display), "Wakers.dll", StringComparison.OrdinalIgnoreCase)),
            TestProject.CompilationOptions());
        var run = await AnalyzerRun.RunAsync(compilation, AllAnalyzers.Create());
        Assert.True(run.Crashes.Count == 0, "an analyzer threw (AD0001) on the runtime's source:\n" + string.Join("\n\n", run.Crashes));
    }
}
