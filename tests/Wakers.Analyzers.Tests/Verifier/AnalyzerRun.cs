using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wakers.Analyzers.Tests.Verifier;

/// <summary>What running analyzers over a compilation produced: their diagnostics and any exception they threw.</summary>
public sealed class AnalyzerRun
{
    private AnalyzerRun(ImmutableArray<Diagnostic> diagnostics, IReadOnlyList<string> crashes)
    {
        Diagnostics = diagnostics;
        Crashes = crashes;
    }

    /// <summary>The analyzers' diagnostics (pragma-suppressed ones left out, as the user sees them), sorted by position.</summary>
    public ImmutableArray<Diagnostic> Diagnostics { get; }

    /// <summary>One entry per analyzer exception (AD0001 and the like), with the analyzer's name and the stack.</summary>
    public IReadOnlyList<string> Crashes { get; }

    /// <summary>Runs <paramref name="analyzers"/> over <paramref name="compilation"/> (with <paramref name="config"/>'s options), catching every exception they throw.</summary>
    public static async Task<AnalyzerRun> RunAsync(Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers,
        CancellationToken cancellationToken = default, AnalyzerConfigOptionsProvider? config = null)
    {
        var crashes = new ConcurrentQueue<string>();
        var options = new CompilationWithAnalyzersOptions(
            config is null ? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty) : new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, config),
            (exception, analyzer, _) => crashes.Enqueue($"{analyzer.GetType().FullName} threw {exception}"),
            concurrentAnalysis: false,
            logAnalyzerExecutionTime: false,
            reportSuppressedDiagnostics: false);
        var withAnalyzers = compilation.WithAnalyzers(analyzers, options);
        var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(cancellationToken).ConfigureAwait(false);
        // AD0001/AD0002 also arrive as diagnostics when the host reports them that way: count them as crashes too.
        foreach (var d in diagnostics.Where(d => d.Id is "AD0001" or "AD0002"))
        {
            var text = d.ToString();
            if (!crashes.Any(c => c.Contains(text, StringComparison.Ordinal))) crashes.Enqueue(text);
        }
        var sorted = diagnostics
            .Where(d => d.Id is not ("AD0001" or "AD0002"))
            .OrderBy(d => d.Location.SourceTree?.FilePath, StringComparer.Ordinal)
            .ThenBy(d => d.Location.SourceSpan.Start)
            .ThenBy(d => d.Id, StringComparer.Ordinal)
            .ToImmutableArray();
        return new AnalyzerRun(sorted, crashes.ToArray());
    }

    /// <summary>Runs one analyzer.</summary>
    public static Task<AnalyzerRun> RunAsync(Compilation compilation, DiagnosticAnalyzer analyzer) =>
        RunAsync(compilation, ImmutableArray.Create(analyzer));
}
