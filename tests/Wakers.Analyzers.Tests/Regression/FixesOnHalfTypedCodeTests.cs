using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Robustness;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Regression;

/// <summary>
/// The code fixes run where the user types too: on every diagnostic of the cases with tokens deleted or doubled (seeded),
/// each fix offers its actions and computes its change without throwing (a fix that throws is an error bar in the IDE).
/// </summary>
public class FixesOnHalfTypedCodeTests
{
    [Fact]
    public async Task EveryFixOnMutatedCasesOffersAndAppliesWithoutThrowing()
    {
        var cases = CorpusCases.All.Concat(CorpusCases.HeldOutStyle).ToList();
        var random = new Random(Stress.Seed + 4);
        var failures = new List<string>();
        var applied = 0;
        for (var round = 0; round < Stress.Pick(2, 20); round++)
        {
            // One mutation of every case per round, each its own document of one project (each case has its own namespace).
            var samples = cases.Select(c => SourceMutations.TokenEdits(c.Name, c.Source, 1, random).Single()).ToList();
            var project = TestProject.CreateProject(samples.Select(s => s.Source).ToArray());
            var run = await AnalyzerRun.RunAsync((await project.GetCompilationAsync())!, AllAnalyzers.Create());
            Assert.True(run.Crashes.Count == 0, $"an analyzer threw (replay: WAKERS_STRESS_SEED={Stress.Seed}):\n" + string.Join("\n", run.Crashes));
            var documents = project.Documents.ToList();
            foreach (var diagnostic in run.Diagnostics.Where(d => d.Location.IsInSource))
            {
                var index = documents.FindIndex(d => d.FilePath == diagnostic.Location.SourceTree!.FilePath);
                foreach (var fix in FixesOnCasesTests.Fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
                {
                    var what = $"{samples[index].Origin}: {fix.GetType().Name} on {diagnostic.Id} at line {diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1}";
                    try
                    {
                        foreach (var action in await FixesOnCasesTests.Actions(documents[index], diagnostic, fix))
                        {
                            applied++;
                            await FixesOnCasesTests.Apply(documents[index], action);
                        }
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        failures.Add($"{what} threw {e.GetType().Name}: {e.Message}\n{e.StackTrace}");
                    }
                }
            }
        }
        Assert.True(applied > 0, "no fix was applied: the mutations left nothing to fix");
        Assert.True(failures.Count == 0, $"{applied} fixes applied, {failures.Count} threw (replay: WAKERS_STRESS_SEED={Stress.Seed}):\n" + string.Join("\n\n", failures));
    }
}
