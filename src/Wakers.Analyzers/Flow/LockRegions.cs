using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// One region of code that runs while a lock is held: a <c>lock</c> body, the try of <c>Monitor.Enter</c> …
/// <c>Monitor.Exit</c> (or of a <c>SpinLock</c>'s, or a <c>ReaderWriterLockSlim</c>'s <c>Enter…Lock</c> … <c>Exit…Lock</c>),
/// or the scope of <c>Lock.Enter</c>/<c>EnterScope</c>. Spans are source spans, so any
/// operation (from the tree or from a control-flow graph) can be placed inside or outside.
/// </summary>
internal sealed class LockRegion
{
    public LockRegion(ISymbol? key, TextSpan span, SyntaxTree tree)
    {
        Key = key;
        Span = span;
        Tree = tree;
    }

    /// <summary>The locked object: a field, a local or parameter, or the type for <c>this</c>; null when unknown.</summary>
    public ISymbol? Key { get; }

    public TextSpan Span { get; }

    public SyntaxTree Tree { get; }

    public bool Contains(SyntaxNode node) => node.SyntaxTree == Tree && Span.Contains(node.Span);

    public bool SameLock(LockRegion other) => Key is not null && SymbolEqualityComparer.Default.Equals(Key, other.Key);
}

/// <summary>Finds the lock regions of an operation tree (not of a graph: a graph of <c>lock</c> on a <c>System.Threading.Lock</c> can hold an invalid operation instead of the lock calls).</summary>
internal static class LockRegions
{
    public static List<LockRegion> Collect(IOperation root, WakersSymbols symbols)
    {
        var regions = new List<LockRegion>();
        var work = 0L;
        Dictionary<IBlockOperation, BlockExits>? exits = null;
        foreach (var op in FlatTree.Of(root).Operations)
        {
            work++;
            switch (op)
            {
                case ILockOperation lockOp:
                    regions.Add(new LockRegion(KeyOf(lockOp.LockedValue), lockOp.Body.Syntax.Span, lockOp.Syntax.SyntaxTree));
                    break;
                case IUsingOperation usingOp when IsEnterScope(usingOp.Resources, symbols, out var scopeKey):
                    regions.Add(new LockRegion(scopeKey, usingOp.Body.Syntax.Span, usingOp.Syntax.SyntaxTree));
                    break;
                case IUsingDeclarationOperation declaration when IsEnterScope(declaration.DeclarationGroup, symbols, out var declKey):
                    regions.Add(new LockRegion(declKey, RestOfBlock(declaration.Syntax), declaration.Syntax.SyntaxTree));
                    break;
                case IInvocationOperation call when IsEnter(call, symbols, out var enterKey):
                    regions.Add(new LockRegion(enterKey, EnteredSpan(call, enterKey, exits ??= new(), ref work), call.Syntax.SyntaxTree));
                    break;
            }
        }
        TypeModelWork.Add(root.Syntax.SyntaxTree, work);
        return regions;
    }

    /// <summary>
    /// For each of <paramref name="nodes"/>, the span the regions that hold it cover together (null when none does): as
    /// every one of them contains the node, they cover one unbroken span, and a node inside it shares a lock with it.
    /// Regions sorted by start, with the furthest end so far, so a node looks only at the regions that can hold it.
    /// </summary>
    public static TextSpan?[] HeldSpans(IReadOnlyList<LockRegion> regions, IReadOnlyList<SyntaxNode> nodes, ref WorkCount work)
    {
        var result = new TextSpan?[nodes.Count];
        if (regions.Count == 0) return result;
        var sorted = new List<LockRegion>(regions);
        sorted.Sort((a, b) => a.Span.Start.CompareTo(b.Span.Start));
        var furthest = new int[sorted.Count];
        for (var i = 0; i < sorted.Count; i++) furthest[i] = i == 0 ? sorted[i].Span.End : System.Math.Max(furthest[i - 1], sorted[i].Span.End);
        for (var n = 0; n < nodes.Count; n++)
        {
            var node = nodes[n];
            int lo = 0, hi = sorted.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (sorted[mid].Span.Start <= node.SpanStart) lo = mid + 1;
                else hi = mid;
            }
            TextSpan? union = null;
            // Regions that start before the node, latest first, until none before them reaches past it.
            for (var i = lo - 1; i >= 0 && furthest[i] >= node.Span.End; i--)
            {
                work.Units++;
                var r = sorted[i];
                if (!r.Contains(node)) continue;
                union = union is { } u ? TextSpan.FromBounds(System.Math.Min(u.Start, r.Span.Start), System.Math.Max(u.End, r.Span.End)) : r.Span;
            }
            result[n] = union;
        }
        return result;
    }

    /// <summary>
    /// The symbol that names a locked object across methods: a field (also through a local that copies it,
    /// <c>var shared = _shared; lock (shared)</c>), a local or parameter, or the containing type for <c>this</c>.
    /// </summary>
    public static ISymbol? KeyOf(IOperation? value)
    {
        value = Strip(value);
        switch (value)
        {
            case IFieldReferenceOperation f: return f.Field.OriginalDefinition;
            case IPropertyReferenceOperation p: return p.Property.OriginalDefinition;
            case IInstanceReferenceOperation i: return i.Type;
            case IParameterReferenceOperation p: return p.Parameter;
            case ILocalReferenceOperation l: return CopiedField(l) ?? l.Local;
            default: return null;
        }
    }

    private static IOperation? Strip(IOperation? value)
    {
        while (value is IConversionOperation c) value = c.Operand;
        while (value is IParenthesizedOperation p) value = p.Operand;
        return value;
    }

    // A local initialized from a field (and never reassigned in a way we see) stands for that field.
    private static ISymbol? CopiedField(ILocalReferenceOperation local)
    {
        IOperation top = local;
        while (top.Parent is not null) top = top.Parent;
        return CopiedFields.GetValue(top, FieldCopies).TryGetValue(local.Local, out var field) ? field : null;
    }

    // Each tree's field-copying locals, found in one walk however many references ask (never a walk per reference).
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, ISymbol?>> CopiedFields = new();

    private static Dictionary<ILocalSymbol, ISymbol?> FieldCopies(IOperation top)
    {
        var copies = new Dictionary<ILocalSymbol, ISymbol?>(SymbolEqualityComparer.Default);
        foreach (var op in FlatTree.Of(top).Operations)
        {
            if (op is not IVariableDeclaratorOperation d || copies.ContainsKey(d.Symbol)
                || (d.Initializer?.Value ?? (d.Parent as IVariableDeclarationOperation)?.Initializer?.Value) is not { } init) continue;
            copies[d.Symbol] = Strip(init) switch
            {
                IFieldReferenceOperation f => f.Field.OriginalDefinition,
                IPropertyReferenceOperation p when p.Instance is null or IInstanceReferenceOperation => p.Property.OriginalDefinition,
                _ => null,
            };
        }
        return copies;
    }

    private static bool IsEnterScope(IOperation resources, WakersSymbols symbols, out ISymbol? key)
    {
        foreach (var op in Walk(resources))
        {
            if (op is IInvocationOperation { TargetMethod.Name: "EnterScope" } call && IsLockType(call.TargetMethod.ContainingType, symbols))
            {
                key = KeyOf(call.Instance);
                return true;
            }
        }
        key = null;
        return false;
    }

    private static bool IsEnter(IInvocationOperation call, WakersSymbols symbols, out ISymbol? key)
    {
        key = null;
        var method = call.TargetMethod;
        if (IsReaderWriterEnter(method) && call.Instance is not null)
        {
            key = KeyOf(call.Instance);
            return true;
        }
        if (method.Name is not ("Enter" or "TryEnter")) return false;
        if (IsThreadingType(method.ContainingType, "SpinLock") && call.Instance is not null)
        {
            key = KeyOf(call.Instance);
            return true;
        }
        if (symbols.Monitor is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Monitor) && call.Arguments.Length > 0)
        {
            key = KeyOf(call.Arguments[0].Value);
            return true;
        }
        if (IsLockType(method.ContainingType, symbols) && call.Instance is not null)
        {
            key = KeyOf(call.Instance);
            return true;
        }
        return false;
    }

    // ReaderWriterLockSlim's write (and read) lock excludes a writer as `lock` does: the producer cannot run in between.
    private static bool IsReaderWriterEnter(IMethodSymbol method) =>
        method.Name is "EnterReadLock" or "EnterWriteLock" or "EnterUpgradeableReadLock" or "TryEnterReadLock" or "TryEnterWriteLock" or "TryEnterUpgradeableReadLock"
        && IsThreadingType(method.ContainingType, "ReaderWriterLockSlim");

    private static bool IsThreadingType(INamedTypeSymbol? type, string name) =>
        type is not null && type.Name == name && type.ContainingNamespace?.ToDisplayString() == "System.Threading";

    private static bool IsLockType(INamedTypeSymbol? type, WakersSymbols symbols) =>
        type is not null && (symbols.Lock is { } lockType
            ? SymbolEqualityComparer.Default.Equals(type, lockType)
            : type.Name == "Lock" && type.ContainingNamespace?.ToDisplayString() == "System.Threading");

    // Enter … try { } finally { Exit }: held through the try; Enter inside the try: from the call to the try's end;
    // otherwise until the Exit that follows in the same block, or the block's end.
    private static TextSpan EnteredSpan(IInvocationOperation enter, ISymbol? key, Dictionary<IBlockOperation, BlockExits> exits, ref long work)
    {
        var start = enter.Syntax.Span.End;
        IOperation inner = enter;
        for (var op = enter.Parent; op is not null; inner = op, op = op.Parent)
        {
            work++;
            if (op is ITryOperation enclosingTry && enclosingTry.Finally is not null && enclosingTry.Body.Syntax.Span.Contains(enter.Syntax.Span))
            {
                return TextSpan.FromBounds(start, enclosingTry.Body.Syntax.Span.End);
            }
            if (op is IBlockOperation block)
            {
                if (!exits.TryGetValue(block, out var blockExits)) exits[block] = blockExits = new BlockExits(block, ref work);
                if (blockExits.After(inner, key) is not { } s) return TextSpan.FromBounds(start, block.Syntax.Span.End);
                if (s is ITryOperation t && t.Finally is not null && blockExits.FinallyExits(t, key)) return TextSpan.FromBounds(start, t.Body.Syntax.Span.End);
                return TextSpan.FromBounds(start, s.Syntax.Span.Start);
            }
        }
        return TextSpan.FromBounds(start, start);
    }

    /// <summary>
    /// Which statements of one block call <c>Exit</c>, and on which locks: found in one walk of the block however many
    /// <c>Enter</c> calls it holds (a walk of the rest of the block per <c>Enter</c> would be quadratic).
    /// </summary>
    private sealed class BlockExits
    {
        private readonly IBlockOperation _block;
        private readonly Dictionary<IOperation, int> _index = new();
        private readonly List<int> _anyExit = new();
        private readonly Dictionary<ISymbol, List<int>> _exitsOf = new(SymbolEqualityComparer.Default);
        private readonly Dictionary<ITryOperation, HashSet<ISymbol?>> _finallyExits = new();

        public BlockExits(IBlockOperation block, ref long work)
        {
            _block = block;
            for (var i = 0; i < block.Operations.Length; i++)
            {
                var statement = block.Operations[i];
                _index[statement] = i;
                var keys = ExitKeys(statement, ref work);
                if (keys.Count == 0) continue;
                _anyExit.Add(i);
                foreach (var k in keys)
                {
                    if (k is null) continue;
                    if (!_exitsOf.TryGetValue(k, out var at)) _exitsOf[k] = at = new List<int>();
                    if (at.Count == 0 || at[at.Count - 1] != i) at.Add(i);
                }
                if (statement is ITryOperation { Finally: { } fin } t) _finallyExits[t] = ExitKeys(fin, ref work);
            }
        }

        /// <summary>The first statement after <paramref name="statement"/> that exits the lock <paramref name="key"/> (any lock when null).</summary>
        public IOperation? After(IOperation statement, ISymbol? key)
        {
            if (!_index.TryGetValue(statement, out var i)) return null;
            var at = key is null ? _anyExit : _exitsOf.TryGetValue(key, out var of) ? of : null;
            if (at is null) return null;
            int lo = 0, hi = at.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (at[mid] <= i) lo = mid + 1;
                else hi = mid;
            }
            return lo < at.Count ? _block.Operations[at[lo]] : null;
        }

        public bool FinallyExits(ITryOperation t, ISymbol? key) =>
            _finallyExits.TryGetValue(t, out var keys) && keys.Count > 0 && (key is null || keys.Contains(key));

        // The keys of the Exit calls in a statement (null for an Exit whose lock is unknown).
        private static HashSet<ISymbol?> ExitKeys(IOperation scope, ref long work)
        {
            var keys = new HashSet<ISymbol?>(SymbolEqualityComparer.Default);
            foreach (var op in Walk(scope))
            {
                work++;
                if (op is not IInvocationOperation { TargetMethod.Name: "Exit" or "ExitReadLock" or "ExitWriteLock" or "ExitUpgradeableReadLock" } call) continue;
                keys.Add(KeyOf(call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null)));
            }
            return keys;
        }
    }

    private static TextSpan RestOfBlock(SyntaxNode declaration)
    {
        var block = declaration.Parent;
        return block is null ? declaration.Span : TextSpan.FromBounds(declaration.Span.End, block.Span.End);
    }

    internal static IEnumerable<IOperation> Walk(IOperation root)
    {
        yield return root;
        foreach (var d in root.Descendants()) yield return d;
    }
}
