using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit.Sdk;

namespace Wakers.Analyzers.Tests.Verifier;

/// <summary>
/// The project's analyzer test verifier (in the spirit of Gu.Roslyn.Asserts): markup marks where diagnostics are
/// expected, the source is compiled against the real Wakers runtime, and failures print the source annotated with
/// what the analyzer actually reported.
/// </summary>
public static class Verify
{
    /// <summary>
    /// Requires that <typeparamref name="TAnalyzer"/> reports exactly the diagnostics marked in <paramref name="markup"/>
    /// (<c>[|...|]</c> for its only id, <c>{|WAKE001:...|}</c> for an explicit one), with exact spans.
    /// </summary>
    public static async Task Diagnostics<TAnalyzer>(string markup) where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var analyzer = new TAnalyzer();
        var parsed = Markup.Parse(markup);
        var expected = ExpectedOf(parsed, analyzer);
        await AnalyzeAsync(TestProject.Compile(parsed.Source), analyzer, parsed.Source, expected).ConfigureAwait(false);
    }

    /// <summary>As <see cref="Diagnostics{TAnalyzer}(string)"/>, with analyzer options as an <c>.editorconfig</c> or global config gives them.</summary>
    public static async Task Diagnostics<TAnalyzer>(string markup, TestAnalyzerConfig config) where TAnalyzer : DiagnosticAnalyzer, new()
    {
        var analyzer = new TAnalyzer();
        var parsed = Markup.Parse(markup);
        await AnalyzeAsync(TestProject.Compile(parsed.Source), analyzer, parsed.Source, ExpectedOf(parsed, analyzer), config).ConfigureAwait(false);
    }

    /// <summary>Requires that <typeparamref name="TAnalyzer"/> reports none of its ids on <paramref name="source"/>.</summary>
    public static async Task Valid<TAnalyzer>(string source) where TAnalyzer : DiagnosticAnalyzer, new()
    {
        if (source is null) throw new ArgumentNullException(nameof(source));
        await AnalyzeAsync(TestProject.Compile(source), new TAnalyzer(), source, Array.Empty<(string, Microsoft.CodeAnalysis.Text.TextSpan)>())
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Requires the marked diagnostics, applies <typeparamref name="TFix"/>'s action titled <paramref name="title"/>
    /// (the first offered when null) to the first diagnostic it fixes, and requires the result to be exactly
    /// <paramref name="fixedSource"/>, to compile, to carry fewer diagnostics of the fixed id, and no new diagnostic of another rule or the compiler.
    /// </summary>
    public static async Task CodeFix<TAnalyzer, TFix>(string markup, string fixedSource, string? title = null)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new()
    {
        if (fixedSource is null) throw new ArgumentNullException(nameof(fixedSource));
        var analyzer = new TAnalyzer();
        var fix = new TFix();
        var parsed = Markup.Parse(markup);
        var document = TestProject.CreateDocument(parsed.Source);
        var diagnostics = await AnalyzeDocumentAsync(document, analyzer, parsed).ConfigureAwait(false);
        var target = FirstFixable(diagnostics, fix, parsed.Source);
        var action = Pick(await ActionsAsync(fix, document, target).ConfigureAwait(false), title, target, parsed.Source);
        var fixedDocument = await ApplyAsync(action, document).ConfigureAwait(false);
        await RequireFixedAsync(document, fixedDocument, fixedSource, analyzer, target.Id,
            before: diagnostics.Count(d => d.Id == target.Id), requireNoneLeft: false, what: $"the fix '{action.Title}'").ConfigureAwait(false);
    }

    /// <summary>
    /// Like <see cref="CodeFix{TAnalyzer,TFix}"/>, through <typeparamref name="TFix"/>'s fix-all provider, in the scopes
    /// Document and Project: the result must be <paramref name="fixedSource"/> with no diagnostic of the fixed id left.
    /// </summary>
    public static async Task FixAll<TAnalyzer, TFix>(string markup, string fixedSource, string? title = null)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new()
    {
        if (fixedSource is null) throw new ArgumentNullException(nameof(fixedSource));
        var analyzer = new TAnalyzer();
        var fix = new TFix();
        var parsed = Markup.Parse(markup);
        var provider = fix.GetFixAllProvider()
            ?? throw new XunitException($"{typeof(TFix).Name}.GetFixAllProvider() returned null: it has no fix-all.");
        var scopes = provider.GetSupportedFixAllScopes().ToList();
        if (!scopes.Contains(FixAllScope.Document))
        {
            throw new XunitException($"{typeof(TFix).Name}'s fix-all provider does not support FixAllScope.Document (supports {string.Join(", ", scopes)}).");
        }
        foreach (var scope in new[] { FixAllScope.Document, FixAllScope.Project }.Where(scopes.Contains))
        {
            var document = TestProject.CreateDocument(parsed.Source);
            var diagnostics = await AnalyzeDocumentAsync(document, analyzer, parsed).ConfigureAwait(false);
            var target = FirstFixable(diagnostics, fix, parsed.Source);
            var action = Pick(await ActionsAsync(fix, document, target).ConfigureAwait(false), title, target, parsed.Source);
            var context = new FixAllContext(document, fix, scope, action.EquivalenceKey, new[] { target.Id },
                new KnownDiagnostics(diagnostics), CancellationToken.None);
            var fixAll = await provider.GetFixAsync(context).ConfigureAwait(false)
                ?? throw new XunitException($"The fix-all provider of {typeof(TFix).Name} offered no action in scope {scope}.");
            var fixedDocument = await ApplyAsync(fixAll, document).ConfigureAwait(false);
            await RequireFixedAsync(document, fixedDocument, fixedSource, analyzer, target.Id,
                before: diagnostics.Count(d => d.Id == target.Id), requireNoneLeft: true, what: $"fix-all ({scope}) of '{action.Title}'").ConfigureAwait(false);
        }
    }

    /// <summary>Requires the marked diagnostics and that <typeparamref name="TFix"/> offers no action for any of them.</summary>
    public static async Task NoFix<TAnalyzer, TFix>(string markup)
        where TAnalyzer : DiagnosticAnalyzer, new() where TFix : CodeFixProvider, new()
    {
        var analyzer = new TAnalyzer();
        var fix = new TFix();
        var parsed = Markup.Parse(markup);
        var document = TestProject.CreateDocument(parsed.Source);
        var diagnostics = await AnalyzeDocumentAsync(document, analyzer, parsed).ConfigureAwait(false);
        if (diagnostics.Length == 0) throw new XunitException("NoFix needs at least one marked diagnostic to ask the fix about.");
        foreach (var diagnostic in diagnostics.Where(d => fix.FixableDiagnosticIds.Contains(d.Id)))
        {
            var actions = await ActionsAsync(fix, document, diagnostic).ConfigureAwait(false);
            if (actions.Count > 0)
            {
                throw new XunitException(
                    $"{typeof(TFix).Name} offered {Titles(actions)} for {DiagnosticReport.Describe(diagnostic)}, expected no fix.\n" +
                    DiagnosticReport.Annotate(parsed.Source, diagnostics));
            }
        }
    }

    // The markup's spans with their ids resolved against what the analyzer supports.
    private static IReadOnlyList<(string Id, Microsoft.CodeAnalysis.Text.TextSpan Span)> ExpectedOf(Markup markup, DiagnosticAnalyzer analyzer)
    {
        var ids = SupportedIds(analyzer);
        return markup.Expected.Select(e =>
        {
            if (e.Id is null)
            {
                if (ids.Count != 1)
                {
                    throw new XunitException($"'[|...|]' needs an analyzer with one id, but {analyzer.GetType().Name} supports {string.Join(", ", ids)}: write '{{|ID:...|}}'.");
                }
                return (ids.Single(), e.Span);
            }
            if (!ids.Contains(e.Id))
            {
                throw new XunitException($"The markup expects {e.Id}, which {analyzer.GetType().Name} does not report (it supports {string.Join(", ", ids)}).");
            }
            return (e.Id, e.Span);
        }).ToList();
    }

    private static IReadOnlyCollection<string> SupportedIds(DiagnosticAnalyzer analyzer) =>
        analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(i => i, StringComparer.Ordinal).ToList();

    private static async Task<ImmutableArray<Diagnostic>> AnalyzeDocumentAsync(Document document, DiagnosticAnalyzer analyzer, Markup markup)
    {
        var compilation = await document.Project.GetCompilationAsync().ConfigureAwait(false)
            ?? throw new XunitException("The workspace produced no compilation.");
        return await AnalyzeAsync(compilation, analyzer, markup.Source, ExpectedOf(markup, analyzer)).ConfigureAwait(false);
    }

    // Compiles, runs the analyzer, and compares its diagnostics of its own ids with the expected ones; returns them.
    private static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, DiagnosticAnalyzer analyzer, string source,
        IReadOnlyList<(string Id, Microsoft.CodeAnalysis.Text.TextSpan Span)> expected, TestAnalyzerConfig? config = null)
    {
        RequireCompiles(compilation, source, "The test source");
        var run = await AnalyzerRun.RunAsync(compilation, ImmutableArray.Create(analyzer), default, config).ConfigureAwait(false);
        RequireNoCrash(run, source);
        var ids = SupportedIds(analyzer);
        var actual = run.Diagnostics.Where(d => ids.Contains(d.Id)).ToImmutableArray();
        var unmatched = actual.ToList();
        var missing = new List<(string Id, Microsoft.CodeAnalysis.Text.TextSpan Span)>();
        foreach (var e in expected)
        {
            var hit = unmatched.FindIndex(d => d.Id == e.Id && d.Location.SourceSpan == e.Span);
            if (hit < 0) missing.Add(e);
            else unmatched.RemoveAt(hit);
        }
        if (missing.Count > 0 || unmatched.Count > 0)
        {
            throw new XunitException(
                $"{analyzer.GetType().Name} did not report what the markup expects.\n" +
                (missing.Count > 0 ? "Expected but not reported:\n" + string.Join("\n", missing.Select(m => "  " + DiagnosticReport.Describe(source, m.Id, m.Span))) + "\n" : "") +
                (unmatched.Count > 0 ? "Reported but not expected:\n" + DiagnosticReport.List(unmatched) + "\n" : "") +
                "The source with what it actually reported:\n" + DiagnosticReport.Annotate(source, actual) + "\n" +
                "All its diagnostics:\n" + DiagnosticReport.List(run.Diagnostics));
        }
        return actual;
    }

    private static void RequireCompiles(Compilation compilation, string source, string what)
    {
        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new XunitException($"{what} does not compile:\n{DiagnosticReport.List(errors)}\n{DiagnosticReport.Annotate(source, errors)}");
        }
    }

    private static void RequireNoCrash(AnalyzerRun run, string source)
    {
        if (run.Crashes.Count > 0)
        {
            throw new XunitException($"The analyzer threw (AD0001):\n{string.Join("\n\n", run.Crashes)}\non the source:\n{DiagnosticReport.Numbered(source)}");
        }
    }

    private static Diagnostic FirstFixable(ImmutableArray<Diagnostic> diagnostics, CodeFixProvider fix, string source) =>
        diagnostics.FirstOrDefault(d => fix.FixableDiagnosticIds.Contains(d.Id))
        ?? throw new XunitException(
            $"{fix.GetType().Name} fixes {string.Join(", ", fix.FixableDiagnosticIds)}, but the markup has no such diagnostic:\n{DiagnosticReport.Annotate(source, diagnostics)}");

    private static async Task<IReadOnlyList<CodeAction>> ActionsAsync(CodeFixProvider fix, Document document, Diagnostic diagnostic)
    {
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
        await fix.RegisterCodeFixesAsync(context).ConfigureAwait(false);
        return actions.SelectMany(Flatten).ToList();
    }

    private static IEnumerable<CodeAction> Flatten(CodeAction action) =>
        action.NestedActions.IsDefaultOrEmpty ? new[] { action } : action.NestedActions.SelectMany(Flatten);

    private static CodeAction Pick(IReadOnlyList<CodeAction> actions, string? title, Diagnostic diagnostic, string source)
    {
        var picked = title is null ? actions.FirstOrDefault() : actions.FirstOrDefault(a => a.Title == title);
        return picked ?? throw new XunitException(
            (title is null ? "No code action was offered" : $"No code action titled '{title}' was offered (offered: {Titles(actions)})") +
            $" for {DiagnosticReport.Describe(diagnostic)}\n{DiagnosticReport.Numbered(source)}");
    }

    private static string Titles(IEnumerable<CodeAction> actions)
    {
        var titles = actions.Select(a => "'" + a.Title + "'").ToList();
        return titles.Count == 0 ? "none" : string.Join(", ", titles);
    }

    private static async Task<Document> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
        var changes = operations.OfType<ApplyChangesOperation>().ToList();
        if (changes.Count != 1)
        {
            throw new XunitException($"The action '{action.Title}' produced {changes.Count} solution changes; expected one.");
        }
        return changes[0].ChangedSolution.GetDocument(document.Id)
            ?? throw new XunitException($"The action '{action.Title}' removed the document it fixed.");
    }

    private static async Task RequireFixedAsync(Document document, Document fixedDocument, string fixedSource, DiagnosticAnalyzer analyzer, string id,
        int before, bool requireNoneLeft, string what)
    {
        var actualText = Normalize((await fixedDocument.GetTextAsync().ConfigureAwait(false)).ToString());
        var expectedText = Normalize(fixedSource);
        if (actualText != expectedText)
        {
            throw new XunitException(
                $"After {what}, the source differs from the expected fixed source{FirstDifference(expectedText, actualText)}\n" +
                $"Expected:\n{DiagnosticReport.Numbered(expectedText)}\nActual:\n{DiagnosticReport.Numbered(actualText)}");
        }
        var compilation = await fixedDocument.Project.GetCompilationAsync().ConfigureAwait(false)
            ?? throw new XunitException("The workspace produced no compilation for the fixed source.");
        RequireCompiles(compilation, actualText, $"After {what}, the fixed source");
        var run = await AnalyzerRun.RunAsync(compilation, analyzer).ConfigureAwait(false);
        RequireNoCrash(run, actualText);
        var after = run.Diagnostics.Count(d => d.Id == id);
        if (requireNoneLeft ? after != 0 : after >= before)
        {
            throw new XunitException(
                $"After {what}, {id} is still reported ({before} before, {after} after):\n" +
                DiagnosticReport.Annotate(actualText, run.Diagnostics.Where(d => d.Id == id)));
        }
        await NewDiagnostics.RequireNoneAsync(document.Project, fixedDocument.Project, what, actualText).ConfigureAwait(false);
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string FirstDifference(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var el = i < e.Length ? e[i] : "(end of text)";
            var al = i < a.Length ? a[i] : "(end of text)";
            if (el != al) return $" first at line {i + 1}:\n  expected: {el}\n  actual:   {al}";
        }
        return "";
    }

    // Hands the fix-all provider the diagnostics this verifier already computed and checked.
    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => d.Location.IsInSource && d.Location.SourceTree?.FilePath == document.FilePath));

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(_diagnostics.Where(d => !d.Location.IsInSource));

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
