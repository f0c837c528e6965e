using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Wakers.Analyzers.Tests.Robustness;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.Regression;

/// <summary>
/// Every code fix on every diagnostic of every case: the fixed document compiles, the diagnostic is gone, and no new
/// WAKE diagnostic or compiler warning appears (a fix never trades one lost wakeup for another).
/// </summary>
public class FixesOnCasesTests
{
    internal static readonly ImmutableArray<CodeFixProvider> Fixes = typeof(Wakers.CodeFixes.StoreWakerFix).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) is not null)
        .OrderBy(t => t.FullName, StringComparer.Ordinal)
        .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
        .ToImmutableArray();

    [Fact]
    public Task EveryFixOnTheCorpusCopyCompilesAndRemovesItsDiagnostic() => EveryFixHolds(CorpusCases.All);

    [Fact]
    public Task EveryFixOnTheHeldOutStyleCasesCompilesAndRemovesItsDiagnostic() => EveryFixHolds(CorpusCases.HeldOutStyle);

    private static async Task EveryFixHolds(IReadOnlyList<(string Name, string Source)> cases)
    {
        Assert.NotEmpty(Fixes);
        var failures = new List<string>();
        var applied = 0;
        foreach (var (name, source) in cases)
        {
            var document = TestProject.CreateDocument(source);
            var beforeAll = await NewDiagnostics.OfAsync(document.Project);
            var before = beforeAll.Where(d => d.Id.StartsWith("WAKE", StringComparison.Ordinal)).ToList();
            foreach (var diagnostic in before)
            {
                foreach (var action in await Actions(document, diagnostic))
                {
                    applied++;
                    var fixedDocument = await Apply(document, action);
                    var what = $"{name}:{diagnostic.Location.GetLineSpan().StartLinePosition.Line + 1} {diagnostic.Id} '{action.Title}'";
                    if (fixedDocument is null)
                    {
                        failures.Add($"{what}: changed nothing");
                        continue;
                    }
                    var compilation = (await fixedDocument.Project.GetCompilationAsync())!;
                    var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                    if (errors.Count > 0)
                    {
                        failures.Add($"{what}: does not compile: {errors[0]}");
                        continue;
                    }
                    var afterAll = await NewDiagnostics.OfAsync(fixedDocument.Project);
                    var after = afterAll.Where(d => d.Id.StartsWith("WAKE", StringComparison.Ordinal)).ToList();
                    if (after.Count(d => d.Id == diagnostic.Id) >= before.Count(d => d.Id == diagnostic.Id))
                    {
                        failures.Add($"{what}: the {diagnostic.Id} is still there");
                    }
                    var added = NewDiagnostics.Added(beforeAll, afterAll);
                    if (added.Count > 0) failures.Add($"{what}: brings new {string.Join("; ", added)}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{applied} fixes applied, {failures.Count} failed:\n" + string.Join("\n", failures));
    }

    internal static async Task<ImmutableArray<Diagnostic>> WakeDiagnostics(Document document)
    {
        var compilation = (await document.Project.GetCompilationAsync())!;
        var run = await AnalyzerRun.RunAsync(compilation, AllAnalyzers.Create());
        Assert.True(run.Crashes.Count == 0, string.Join("\n", run.Crashes));
        return run.Diagnostics.Where(d => d.Id.StartsWith("WAKE", StringComparison.Ordinal)).ToImmutableArray();
    }

    private static async Task<List<CodeAction>> Actions(Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        foreach (var fix in Fixes.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
        {
            actions.AddRange(await Actions(document, diagnostic, fix));
        }
        return actions;
    }

    /// <summary>The actions <paramref name="fix"/> offers for <paramref name="diagnostic"/>, nested ones flattened.</summary>
    internal static async Task<List<CodeAction>> Actions(Document document, Diagnostic diagnostic, CodeFixProvider fix)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (a, _) => actions.AddRange(Flatten(a)), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context);
        return actions;
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action) =>
        action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);

    internal static async Task<Document?> Apply(Document document, CodeAction action)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var change = operations.OfType<ApplyChangesOperation>().SingleOrDefault();
        var changed = change?.ChangedSolution.GetDocument(document.Id);
        if (changed is null) return null;
        var text = await changed.GetTextAsync();
        return text.ToString() == (await document.GetTextAsync()).ToString() ? null : changed;
    }
}
