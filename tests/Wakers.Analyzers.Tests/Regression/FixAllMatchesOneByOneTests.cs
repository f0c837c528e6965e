using System;
using System.Collections.Generic;
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

/// <summary>Fix-all over a document gives the same code as applying the same fix to each diagnostic in turn.</summary>
public class FixAllMatchesOneByOneTests
{
    [Fact]
    public Task OnTheCorpusCopy() => FixAllMatchesOneByOne(CorpusCases.All);

    [Fact]
    public Task OnTheHeldOutStyleCases() => FixAllMatchesOneByOne(CorpusCases.HeldOutStyle);

    [Fact]
    public async Task OverAProjectOfEveryCaseAsItsOwnDocument()
    {
        // Each case declares its own namespace, so the project compiles and each document's fixes are its own business:
        // a project-wide fix-all must give each document what fixing it one diagnostic at a time gives.
        var cases = CorpusCases.All.Concat(CorpusCases.HeldOutStyle).ToList();
        var project = TestProject.CreateProject(cases.Select(c => c.Source).ToArray());
        var compilation = (await project.GetCompilationAsync())!;
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, $"the cases do not compile as one project:\n{DiagnosticReport.List(errors.Take(10))}");
        var run = await AnalyzerRun.RunAsync(compilation, AllAnalyzers.Create());
        Assert.True(run.Crashes.Count == 0, string.Join("\n", run.Crashes));
        var diagnostics = run.Diagnostics.Where(d => d.Id.StartsWith("WAKE", StringComparison.Ordinal)).ToList();
        var documents = project.Documents.ToList();
        var failures = new List<string>();
        var compared = 0;
        var acrossDocuments = 0;
        var exercised = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fix in FixesOnCasesTests.Fixes.Where(f => f.GetFixAllProvider() is not null))
        {
            foreach (var id in fix.FixableDiagnosticIds)
            {
                var ofId = diagnostics.Where(d => d.Id == id).ToList();
                // Which document each key applies to, from the actions offered on each diagnostic.
                var keys = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
                foreach (var diagnostic in ofId)
                {
                    var index = documents.FindIndex(d => d.FilePath == diagnostic.Location.SourceTree!.FilePath);
                    foreach (var action in await FixesOnCasesTests.Actions(documents[index], diagnostic, fix))
                    {
                        if (action.EquivalenceKey is { } key) (keys.TryGetValue(key, out var set) ? set : keys[key] = new HashSet<int>()).Add(index);
                    }
                }
                foreach (var (key, touched) in keys)
                {
                    exercised.Add(fix.GetType().Name);
                    var context = new FixAllContext(documents[touched.Min()], fix, FixAllScope.Project, key, new[] { id },
                        new ProjectDiagnostics(ofId), CancellationToken.None);
                    var action = await fix.GetFixAllProvider()!.GetFixAsync(context);
                    Assert.True(action is not null, $"{fix.GetType().Name} offered no project-wide fix-all for '{key}'");
                    var operations = await action!.GetOperationsAsync(CancellationToken.None);
                    var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution.GetProject(project.Id)!;
                    if (touched.Count > 1) acrossDocuments++;
                    for (var i = 0; i < documents.Count; i++)
                    {
                        var all = (await changed.GetDocument(documents[i].Id)!.GetTextAsync()).ToString();
                        var oneByOne = touched.Contains(i) ? await OneByOne(TestProject.CreateDocument(cases[i].Source), id, fix, key) : cases[i].Source;
                        compared++;
                        if (all != oneByOne) failures.Add($"{cases[i].Name} {id} '{key}':\n--- project fix-all ---\n{all}\n--- one by one ---\n{oneByOne}");
                    }
                }
            }
        }
        // Every shipped fix is exercised on the cases, not only in its own unit tests.
        Assert.Equal(FixesOnCasesTests.Fixes.Select(f => f.GetType().Name).OrderBy(n => n, StringComparer.Ordinal), exercised.OrderBy(n => n, StringComparer.Ordinal));
        Assert.True(acrossDocuments >= 3, $"only {acrossDocuments} fix-alls changed more than one document, {compared} compared");
        Assert.True(failures.Count == 0, $"{compared} documents compared, {failures.Count} differ:\n" + string.Join("\n", failures));
    }

    private static async Task FixAllMatchesOneByOne(IReadOnlyList<(string Name, string Source)> cases)
    {
        var failures = new List<string>();
        var compared = 0;
        foreach (var (name, source) in cases)
        {
            var document = TestProject.CreateDocument(source);
            foreach (var id in (await FixesOnCasesTests.WakeDiagnostics(document)).Select(d => d.Id).Distinct())
            {
                foreach (var fix in FixesOnCasesTests.Fixes.Where(f => f.FixableDiagnosticIds.Contains(id) && f.GetFixAllProvider() is not null))
                {
                    foreach (var key in await EquivalenceKeys(document, id, fix))
                    {
                        compared++;
                        var all = await FixAll(document, id, fix, key);
                        var oneByOne = await OneByOne(document, id, fix, key);
                        if (all != oneByOne)
                        {
                            failures.Add($"{name} {id} '{key}':\n--- fix-all ---\n{all}\n--- one by one ---\n{oneByOne}");
                        }
                    }
                }
            }
        }
        Assert.True(compared > 0, "no fix was compared");
        Assert.True(failures.Count == 0, $"{compared} compared, {failures.Count} differ:\n" + string.Join("\n", failures));
    }

    private static async Task<List<string>> EquivalenceKeys(Document document, string id, CodeFixProvider fix)
    {
        var keys = new List<string>();
        foreach (var diagnostic in (await FixesOnCasesTests.WakeDiagnostics(document)).Where(d => d.Id == id))
        {
            foreach (var action in await FixesOnCasesTests.Actions(document, diagnostic, fix))
            {
                if (action.EquivalenceKey is { } key && !keys.Contains(key)) keys.Add(key);
            }
        }
        return keys;
    }

    private static async Task<string> FixAll(Document document, string id, CodeFixProvider fix, string key)
    {
        var diagnostics = (await FixesOnCasesTests.WakeDiagnostics(document)).Where(d => d.Id == id).ToList();
        var provider = new DocumentDiagnostics(document, diagnostics);
        var context = new FixAllContext(document, fix, FixAllScope.Document, key, new[] { id }, provider, CancellationToken.None);
        var action = await fix.GetFixAllProvider()!.GetFixAsync(context);
        if (action is null) return (await document.GetTextAsync()).ToString();
        return (await (await FixesOnCasesTests.Apply(document, action) ?? document).GetTextAsync()).ToString();
    }

    private static async Task<string> OneByOne(Document document, string id, CodeFixProvider fix, string key)
    {
        // Each step fixes the first diagnostic that still offers this fix; a fix never offered twice at one place ends it.
        var tried = new HashSet<string>();
        for (var step = 0; step < 50; step++)
        {
            Document? next = null;
            foreach (var diagnostic in (await FixesOnCasesTests.WakeDiagnostics(document)).Where(d => d.Id == id))
            {
                var action = (await FixesOnCasesTests.Actions(document, diagnostic, fix)).FirstOrDefault(a => a.EquivalenceKey == key);
                if (action is null || !tried.Add((await document.GetTextAsync()).ToString() + diagnostic.Location.SourceSpan)) continue;
                next = await FixesOnCasesTests.Apply(document, action);
                if (next is not null) break;
            }
            if (next is null) break;
            document = next;
        }
        return (await document.GetTextAsync()).ToString();
    }

    // The diagnostics of a whole project, handed out per document as the fix-all provider asks.
    private sealed class ProjectDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly List<Diagnostic> _diagnostics;

        public ProjectDiagnostics(List<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.AsEnumerable());
    }

    private sealed class DocumentDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly Document _document;
        private readonly List<Diagnostic> _diagnostics;

        public DocumentDiagnostics(Document document, List<Diagnostic> diagnostics)
        {
            _document = document;
            _diagnostics = diagnostics;
        }

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(document.Id == _document.Id ? _diagnostics.AsEnumerable() : Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.AsEnumerable());
    }
}
