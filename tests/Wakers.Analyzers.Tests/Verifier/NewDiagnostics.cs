using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Wakers.Analyzers.Tests.Robustness;
using Xunit.Sdk;

namespace Wakers.Analyzers.Tests.Verifier;

/// <summary>
/// What a code fix brought that was not there before: a diagnostic of any shipped WAKE rule, or a compiler warning,
/// counted per id (a fix never trades one lost wakeup for another, nor adds a nullable or unused-variable warning).
/// </summary>
public static class NewDiagnostics
{
    /// <summary>Every shipped rule's diagnostics plus the compiler's warnings on <paramref name="project"/>.</summary>
    public static async Task<ImmutableArray<Diagnostic>> OfAsync(Project project)
    {
        var compilation = await project.GetCompilationAsync().ConfigureAwait(false)
            ?? throw new XunitException("The workspace produced no compilation.");
        var run = await AnalyzerRun.RunAsync(compilation, AllAnalyzers.Create()).ConfigureAwait(false);
        if (run.Crashes.Count > 0) throw new XunitException("An analyzer threw (AD0001):\n" + string.Join("\n\n", run.Crashes));
        return run.Diagnostics.Where(d => d.Id.StartsWith("WAKE", StringComparison.Ordinal))
            .Concat(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Warning))
            .ToImmutableArray();
    }

    /// <summary>The ids reported more often in <paramref name="after"/> than in <paramref name="before"/>, with the new ones' text.</summary>
    public static IReadOnlyList<string> Added(IEnumerable<Diagnostic> before, IEnumerable<Diagnostic> after)
    {
        var counts = before.GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return after.GroupBy(d => d.Id)
            .Where(g => g.Count() > counts.GetValueOrDefault(g.Key))
            .Select(g => $"{g.Key} ({counts.GetValueOrDefault(g.Key)} before, {g.Count()} after): {g.Last().GetMessage()} at line {g.Last().Location.GetLineSpan().StartLinePosition.Line + 1}")
            .ToList();
    }

    /// <summary>Fails when <paramref name="fixedProject"/> has a diagnostic id more often than <paramref name="project"/>.</summary>
    public static async Task RequireNoneAsync(Project project, Project fixedProject, string what, string fixedText)
    {
        var added = Added(await OfAsync(project).ConfigureAwait(false), await OfAsync(fixedProject).ConfigureAwait(false));
        if (added.Count > 0)
        {
            throw new XunitException($"After {what}, new diagnostics:\n  {string.Join("\n  ", added)}\n{DiagnosticReport.Numbered(fixedText)}");
        }
    }
}
