using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Wakers.CodeFixes;

/// <summary>
/// WAKE001: stores the waker in the future's <c>Waker?</c> slot (or registers it with its <c>AtomicWaker</c>) on the
/// Pending path, re-checking readiness after the store outside a lock; or, as a last resort, wakes the task before
/// returning Pending (a busy poll, but never a hang).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(StoreWakerFix))]
[Shared]
public sealed class StoreWakerFix : CodeFixProvider
{
    /// <summary>The title of the fallback fix.</summary>
    public const string WakeTitle = "Wake the task before returning Pending (busy-polls until ready)";

    /// <inheritdoc />
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("WAKE001");

    /// <inheritdoc />
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc />
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (WakerFixSyntax.Target(root, diagnostic) is not { } target || WakerFixSyntax.PollDeclaration(target) is not { } declaration) continue;
            if (WakerFixSyntax.ContextName(model, declaration) is null) continue;
            // Without a lock or a readiness check to repeat, a store would race the producer (WAKE004): only the fallback then.
            var storeIsSafe = target is not ReturnStatementSyntax ret
                || StoreBeforeReturn(root, ret, SyntaxFactory.EmptyStatement(), WakerFixSyntax.IsInsideLock(ret, declaration)) is not null;
            foreach (var slot in storeIsSafe ? Slots(model, target).Take(2) : Enumerable.Empty<Slot>())
            {
                var title = $"Store the waker in '{slot.Name}'";
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => StoreAsync(context.Document, diagnostic, slot, ct), "StoreWaker:" + slot.Name),
                    diagnostic);
            }
            context.RegisterCodeFix(CodeAction.Create(WakeTitle, ct => WakeAsync(context.Document, diagnostic, ct), nameof(WakeTitle)), diagnostic);
        }
    }

    internal readonly struct Slot
    {
        public Slot(string name, bool atomic)
        {
            Name = name;
            IsAtomic = atomic;
        }

        public string Name { get; }
        public bool IsAtomic { get; }
    }

    // The instance fields and settable properties of the future's type that can hold its waker.
    private static IEnumerable<Slot> Slots(SemanticModel model, SyntaxNode target)
    {
        var member = model.GetEnclosingSymbol(target.SpanStart);
        while (member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction or MethodKind.LocalFunction } nested) member = nested.ContainingSymbol;
        if (member is null || member.IsStatic || member.ContainingType is not { } type) yield break;
        foreach (var m in type.GetMembers())
        {
            if (m.IsStatic || m.IsImplicitlyDeclared) continue;
            switch (m)
            {
                case IFieldSymbol f when IsAtomicWaker(f.Type):
                    yield return new Slot(f.Name, true);
                    break;
                case IFieldSymbol f when !f.IsReadOnly && IsWaker(f.Type):
                    yield return new Slot(f.Name, false);
                    break;
                case IPropertySymbol p when p.SetMethod is not null && !p.IsIndexer && IsWaker(p.Type):
                    yield return new Slot(p.Name, false);
                    break;
            }
        }
    }

    private static bool IsWaker(ITypeSymbol type) => type.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString() == "Wakers.Waker";

    private static bool IsAtomicWaker(ITypeSymbol type) => type.ToDisplayString() == "Wakers.AtomicWaker";

    private static async Task<Document> StoreAsync(Document document, Diagnostic diagnostic, Slot slot, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || WakerFixSyntax.Target(root, diagnostic) is not { } target
            || WakerFixSyntax.PollDeclaration(target) is not { } declaration || WakerFixSyntax.ContextName(model, declaration) is not { } cx)
        {
            return document;
        }
        var store = SyntaxFactory.ParseStatement(slot.IsAtomic ? $"{slot.Name}.Register({cx}.Waker);" : $"{slot.Name} = {cx}.Waker;");
        SyntaxNode fixedRoot;
        if (target is ReturnStatementSyntax ret)
        {
            if (StoreBeforeReturn(root, ret, store, WakerFixSyntax.IsInsideLock(ret, declaration)) is not { } stored) return document;
            fixedRoot = stored;
        }
        else
        {
            // Register, then check: the body's readiness read comes after the store, so no check-then-register race.
            fixedRoot = WakerFixSyntax.BlockBodyWith(root, (ExpressionSyntax)target, new[] { store });
        }
        return await Formatter.FormatAsync(document.WithSyntaxRoot(fixedRoot), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }

    // The root with the store placed so that readiness is read again after it; null when there is no such place.
    private static SyntaxNode? StoreBeforeReturn(SyntaxNode root, ReturnStatementSyntax ret, StatementSyntax store, bool insideLock)
    {
        // Under the lock no publisher can run in between: the store just before the return is enough, unless the returned
        // expression is the readiness check (`return _phase switch { Done => Ready(..), _ => Pending }`): then store only
        // when its answer is Pending, since a store before the check would be WAKE009's wasted store.
        if (insideLock && ret.Expression is { } answer && answer.ToString().Contains(".Ready("))
        {
            var name = WakerFixSyntax.PollDeclaration(ret)?.DescendantTokens().Any(t => t.ValueText == "result") == true ? "pollResult" : "result";
            var kept = SyntaxFactory.ReturnStatement(SyntaxFactory.IdentifierName(name)).WithTriviaFrom(ret).WithAdditionalAnnotations(KeptAnswer);
            var replaced = root.ReplaceNode(ret, kept);
            var statements = new[]
            {
                SyntaxFactory.ParseStatement($"var {name} = {answer.WithoutTrivia()};"),
                SyntaxFactory.ParseStatement($"if ({name}.IsPending) {store.WithoutTrivia().ToFullString()}"),
            };
            return WakerFixSyntax.InsertBefore(replaced, (StatementSyntax)replaced.GetAnnotatedNodes(KeptAnswer).First(), statements);
        }
        if (insideLock) return WakerFixSyntax.InsertBefore(root, ret, new[] { store });
        // if (notReady) return Pending;  =>  if (notReady) { store; if (notReady) return Pending; }
        if (ret.Parent is IfStatementSyntax { Else: null } guard && guard.Statement == ret)
        {
            var recheck = SyntaxFactory.IfStatement(guard.Condition.WithoutTrivia(), ret.WithoutTrivia());
            var body = SyntaxFactory.Block(store, recheck).WithTrailingTrivia(ret.GetTrailingTrivia());
            return root.ReplaceNode(guard, guard.WithStatement(body).WithAdditionalAnnotations(Formatter.Annotation));
        }
        // ...; if (ready) return Ready(..); ...; return Pending;  =>  store, then the same readiness check again.
        if (ret.Parent is BlockSyntax block)
        {
            var index = block.Statements.IndexOf(ret);
            for (var i = index - 1; i >= 0; i--)
            {
                if (block.Statements[i] is IfStatementSyntax { Else: null } check && ReturnsReady(check.Statement))
                {
                    return WakerFixSyntax.InsertBefore(root, ret, new StatementSyntax[] { store, check.WithoutTrivia() });
                }
            }
        }
        return null;
    }

    private static readonly SyntaxAnnotation KeptAnswer = new();

    private static bool ReturnsReady(StatementSyntax statement)
    {
        var last = statement is BlockSyntax b ? b.Statements.LastOrDefault() : statement;
        return last is ReturnStatementSyntax { Expression: { } e } && e.ToString().Contains(".Ready(");
    }

    private static async Task<Document> WakeAsync(Document document, Diagnostic diagnostic, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
        if (root is null || model is null || WakerFixSyntax.Target(root, diagnostic) is not { } target
            || WakerFixSyntax.PollDeclaration(target) is not { } declaration || WakerFixSyntax.ContextName(model, declaration) is not { } cx)
        {
            return document;
        }
        SyntaxNode fixedRoot;
        if (target is ReturnStatementSyntax ret)
        {
            fixedRoot = WakerFixSyntax.InsertBefore(root, ret, new[] { SyntaxFactory.ParseStatement($"{cx}.Waker.Wake();") });
        }
        else
        {
            var body = (ExpressionSyntax)target;
            var statements = new[]
            {
                SyntaxFactory.ParseStatement($"var result = {body.WithoutTrivia()};"),
                SyntaxFactory.ParseStatement($"if (result.IsPending) {cx}.Waker.Wake();"),
            };
            fixedRoot = WakerFixSyntax.BlockBodyWith(root, body, statements, SyntaxFactory.IdentifierName("result"));
        }
        return await Formatter.FormatAsync(document.WithSyntaxRoot(fixedRoot), Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
