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
