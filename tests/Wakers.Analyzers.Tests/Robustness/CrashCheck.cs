using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Verifier;
using Xunit.Sdk;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Runs every analyzer over sources that need not compile and fails, with a way to replay it, on any exception.</summary>
public static class CrashCheck
{
    /// <summary>A source to analyze and the words that tell how it was made (case, seed, mutation).</summary>
    public sealed record Sample(string Origin, string Source);

    /// <summary>
    /// Analyzes the samples a batch at a time (one compilation of many trees, for speed); when a batch crashes, each of
    /// its samples is analyzed alone to name the one that crashes, and the failure prints its origin and source.
    /// </summary>
    public static async Task NoAnalyzerThrowsAsync(IReadOnlyList<Sample> samples, OutputKind kind = OutputKind.DynamicallyLinkedLibrary, int batchSize = 40)
    {
        for (var start = 0; start < samples.Count; start += batchSize)
        {
            var batch = samples.Skip(start).Take(batchSize).ToList();
            var run = await AnalyzerRun.RunAsync(TestProject.Compile(kind, batch.Select(s => s.Source).ToArray()), AllAnalyzers.Create());
            if (run.Crashes.Count == 0) continue;
            foreach (var sample in batch)
            {
                var alone = await AnalyzerRun.RunAsync(TestProject.Compile(kind, sample.Source), AllAnalyzers.Create());
                if (alone.Crashes.Count > 0) throw Failure(sample, alone.Crashes);
            }
            throw new XunitException(
                $"An analyzer threw on a batch of {batch.Count} sources but on none of them alone (an interaction between trees):\n" +
                string.Join("\n", batch.Select(s => "  " + s.Origin)) + "\n" + string.Join("\n\n", run.Crashes));
        }
    }

    /// <summary>Analyzes one source and returns the run, failing on any exception.</summary>
    public static async Task<AnalyzerRun> AnalyzeAsync(Sample sample, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
    {
        var run = await AnalyzerRun.RunAsync(TestProject.Compile(kind, sample.Source), AllAnalyzers.Create());
        if (run.Crashes.Count > 0) throw Failure(sample, run.Crashes);
        return run;
    }

    private static XunitException Failure(Sample sample, IReadOnlyList<string> crashes) => new(
        $"An analyzer threw (AD0001) on {sample.Origin} (replay: WAKERS_STRESS_SEED={Stress.Seed}):\n" +
        string.Join("\n\n", crashes) + "\nThe source:\n" + DiagnosticReport.Numbered(sample.Source));
}
