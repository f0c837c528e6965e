using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>One store found in a function: where the waker goes, which parameter's waker it is, and how.</summary>
internal sealed class FoundStore
{
    public FoundStore(IOperation operation, IParameterSymbol carried, ISymbol? slot, ISymbol? registeredOn, IMethodSymbol? helper, int helperParameter)
    {
        Operation = operation;
        Carried = carried;
        Slot = slot;
        RegisteredOn = registeredOn;
        Helper = helper;
        HelperParameter = helperParameter;
    }

    public IOperation Operation { get; }
    public IParameterSymbol Carried { get; }
    public ISymbol? Slot { get; }
    public ISymbol? RegisteredOn { get; }
    public IMethodSymbol? Helper { get; }
    public int HelperParameter { get; }
}

/// <summary>
/// The narrow store recognition the type rules need (the "flow" helper's Registration* will replace it): a waker
/// (<c>cx.Waker</c>, a waker parameter, or a local holding one) written to a field, property, array or collection
/// element, passed to <c>AtomicWaker.Register</c> or another object's method, captured by a callback handed on, or
/// passed to a method of the same type (resolved once the whole type is seen). Wrapper wakers and inner polls are not stores.
/// </summary>
internal sealed class StoreFinder
{
    private readonly WakersSymbols _symbols;
    private readonly INamedTypeSymbol _type;
    private readonly Dictionary<ILocalSymbol, IParameterSymbol> _carrierLocals = new(SymbolEqualityComparer.Default);
    private readonly bool _none;

    /// <param name="operations">The operations to read for locals that hold a waker; the whole of <paramref name="root"/> when null.</param>
    public StoreFinder(IOperation root, WakersSymbols symbols, INamedTypeSymbol type, IMethodSymbol? member = null, IReadOnlyList<IOperation>? operations = null)
    {
        _symbols = symbols;
        _type = type;
        // Every waker a store can name comes from a Waker or Context parameter: a member with none (its lambdas' included) stores nothing.
        _none = member is not null && !HasCarrierParameter(member, root);
        if (_none) return;
        // Locals that hold a waker: iterate a few times so chains (a = cx.Waker; b = a) resolve; a round that finds none ends it.
        for (var round = 0; round < 3; round++)
        {
            var found = _carrierLocals.Count;
            foreach (var op in operations ?? FlatTree.Of(root).Operations)
            {
                Work++;
                ILocalSymbol? local = null;
                IOperation? value = null;
                if (op is IVariableDeclaratorOperation d) { local = d.Symbol; value = d.Initializer?.Value ?? (d.Parent as IVariableDeclarationOperation)?.Initializer?.Value; }
                else if (op is ISimpleAssignmentOperation { Target: ILocalReferenceOperation l } a) { local = l.Local; value = a.Value; }
                if (local is null || value is null || _carrierLocals.ContainsKey(local)) continue;
                if (Carried(value) is { } p) _carrierLocals[local] = p;
            }
            if (_carrierLocals.Count == found) break;
        }
    }

    /// <summary>The operations visited so far.</summary>
    public long Work { get; private set; }

    private bool HasCarrierParameter(IMethodSymbol member, IOperation root)
    {
        if (Carries(member.Parameters)) return true;
        foreach (var op in FlatTree.Of(root).Operations)
        {
            Work++;
            var function = op switch
            {
                IAnonymousFunctionOperation f => f.Symbol,
                ILocalFunctionOperation l => l.Symbol,
                _ => null,
            };
            if (function is not null && Carries(function.Parameters)) return true;
        }
        return false;
    }

    private bool Carries(System.Collections.Immutable.ImmutableArray<IParameterSymbol> parameters)
    {
        foreach (var p in parameters)
        {
            if (_symbols.IsWakerType(p.Type) || SymbolEqualityComparer.Default.Equals(p.Type, _symbols.Context)) return true;
        }
        return false;
    }

    /// <summary>The waker or Context parameter whose waker <paramref name="value"/> is, if it is one.</summary>
    public IParameterSymbol? Carried(IOperation? value)
    {
        if (_none) return null;
        for (var depth = 0; value is not null && depth < 6; depth++)
        {
            switch (value)
            {
                case IConversionOperation c: value = c.Operand; continue;
                case IParenthesizedOperation p: value = p.Operand; continue;
                case IPropertyReferenceOperation { Property.Name: "Waker", Instance: IParameterReferenceOperation prm }
                    when SymbolEqualityComparer.Default.Equals(prm.Parameter.Type, _symbols.Context):
                    return prm.Parameter;
                case IParameterReferenceOperation prm when _symbols.IsWakerType(prm.Parameter.Type):
                    return prm.Parameter;
                case ILocalReferenceOperation l:
                    return _carrierLocals.TryGetValue(l.Local, out var carried) ? carried : null;
                case IObjectCreationOperation create when !_symbols.IsWakerType(create.Type):
                    // A waiter node or tuple built around the waker carries it; a wrapper Waker does not.
                    foreach (var a in create.Arguments)
                    {
                        if (Carried(a.Value) is { } inner) return inner;
                    }
                    return null;
                case ITupleOperation tuple:
                    foreach (var e in tuple.Elements)
                    {
                        if (Carried(e) is { } inner) return inner;
                    }
                    return null;
                case ICoalesceOperation coalesce: return Carried(coalesce.Value) ?? Carried(coalesce.WhenNull);
                case IConditionalOperation conditional: return Carried(conditional.WhenTrue) ?? Carried(conditional.WhenFalse);
                default: return null;
            }
        }
        return null;
    }

    /// <summary>Like <see cref="Carried"/>, and also <c>cx</c> itself (handed to a helper of the same type that may store its waker).</summary>
    public IParameterSymbol? CarriedOrContext(IOperation? value)
    {
        var stripped = value;
        while (stripped is IConversionOperation c) stripped = c.Operand;
        if (stripped is IParameterReferenceOperation prm && SymbolEqualityComparer.Default.Equals(prm.Parameter.Type, _symbols.Context)) return prm.Parameter;
        return Carried(value);
    }

    /// <summary>The stores in <paramref name="root"/>, not looking into nested functions except callbacks handed on.</summary>
    public List<FoundStore> Find(IOperation root)
    {
        var found = new List<FoundStore>();
        if (_none) return found;
        Visit(root, found);
        return found;
    }

    private void Visit(IOperation op, List<FoundStore> found)
    {
        Work++;
        if (Store(op) is { } store) found.Add(store);
        foreach (var child in op.ChildOperations)
        {
            if (child is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
            Visit(child, found);
        }
    }

    private FoundStore? Store(IOperation op)
    {
        switch (op)
        {
            case IAssignmentOperation { Target: var target } assign when assign is ISimpleAssignmentOperation or ICoalesceAssignmentOperation:
                if (target is ILocalReferenceOperation or IDiscardOperation) return null;
                var value = assign is ISimpleAssignmentOperation s ? s.Value : ((ICoalesceAssignmentOperation)assign).Value;
                return Carried(value) is { } p ? new FoundStore(op, p, RootMember(target), null, null, -1) : null;
            case IInvocationOperation call:
                return Store(call);
            case IObjectCreationOperation create when !_symbols.IsWakerType(create.Type):
                foreach (var a in create.Arguments)
                {
                    if (WakingCallback(a.Value) is { } cb) return new FoundStore(op, cb, null, null, null, -1);
                }
                return null;
            default:
                return null;
        }
    }

    private FoundStore? Store(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        // Atomics first: Volatile.Write(ref _w, cx.Waker) is a store even though "Write" names a logger's call too.
        if (_symbols.IsPollMethod(method) || (!IsAtomicOp(method) && IsNotKeeping(method.Name))) return null;
        if (method.Name == "Wake" && _symbols.IsWakerType(method.ContainingType)) return null;
        var isHelper = IsOfType(method.ContainingType);
        for (var i = 0; i < call.Arguments.Length; i++)
        {
            var arg = call.Arguments[i];
            if ((isHelper ? CarriedOrContext(arg.Value) : Carried(arg.Value)) is { } p)
            {
                if (isHelper && arg.Parameter is { } parameter)
                {
                    return new FoundStore(call, p, null, null, method.OriginalDefinition, parameter.Ordinal);
                }
                if (IsAtomicOp(method) && call.Arguments.Length > 0)
                {
                    return new FoundStore(call, p, RootMember(call.Arguments[0].Value), null, null, -1);
                }
                var receiver = call.Instance ?? (method.IsExtensionMethod && i > 0 ? call.Arguments[0].Value : null);
                return new FoundStore(call, p, RootMember(receiver), LockRegions.KeyOf(AwaitedObject(receiver)), null, -1);
            }
            if (WakingCallback(arg.Value) is { } cb)
            {
                var receiver = call.Instance ?? (call.Arguments.Length > 0 && i > 0 ? call.Arguments[0].Value : null);
                return new FoundStore(call, cb, null, LockRegions.KeyOf(AwaitedObject(receiver)), null, -1);
            }
        }
        return null;
    }

    // `_task.ConfigureAwait(false).GetAwaiter().OnCompleted(..)` registers on `_task` itself: these views complete with it.
    private static IOperation? AwaitedObject(IOperation? receiver)
    {
        for (var depth = 0; receiver is not null && depth < 6; depth++)
        {
            while (receiver is IConversionOperation or IParenthesizedOperation)
            {
                receiver = receiver is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)receiver).Operand;
            }
            if (receiver is not IInvocationOperation { TargetMethod.Name: "GetAwaiter" or "ConfigureAwait" or "AsTask" or "WaitAsync" } view) break;
            receiver = view.Instance ?? (view.TargetMethod.IsExtensionMethod && view.Arguments.Length > 0 ? view.Arguments[0].Value : null);
        }
        return receiver;
    }

    // A lambda handed on that wakes a captured waker: the callback keeps the waker.
    private IParameterSymbol? WakingCallback(IOperation value)
    {
        while (value is IConversionOperation or IDelegateCreationOperation or IParenthesizedOperation)
        {
            value = value switch
            {
                IConversionOperation c => c.Operand,
                IDelegateCreationOperation d => d.Target,
                IParenthesizedOperation p => p.Operand,
                _ => value,
            };
        }
        if (value is not IAnonymousFunctionOperation lambda) return null;
        foreach (var op in lambda.Body.Descendants())
        {
            if (op is IInvocationOperation { TargetMethod.Name: "Wake" } wake && Carried(wake.Instance) is { } p) return p;
        }
        return null;
    }

    private bool IsAtomicOp(IMethodSymbol method) =>
        SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.Interlocked)
        || SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.Volatile);

    private static bool IsNotKeeping(string name) =>
        name is "WillWake" or "Equals" or "ReferenceEquals" or "ToString" or "GetHashCode" or "Contains" or "Remove"
            or "IndexOf" or "WriteLine" or "Write" or "Log" or "Assert" or "Format" or "Concat";

    public bool IsOfType(INamedTypeSymbol? type)
    {
        for (var t = type?.OriginalDefinition; t is not null; t = t.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(t, _type)) return true;
        }
        return false;
    }

    /// <summary>The field or property a target or receiver finally names: <c>_w</c>, <c>_shared.Waker</c>, <c>_waiters</c> of <c>_waiters[i]</c>.</summary>
    public static ISymbol? RootMember(IOperation? target)
    {
        for (var depth = 0; target is not null && depth < 6; depth++)
        {
            switch (target)
            {
                case IConversionOperation c: target = c.Operand; continue;
                case IParenthesizedOperation p: target = p.Operand; continue;
                case IFieldReferenceOperation f: return f.Field.OriginalDefinition;
                case IPropertyReferenceOperation pr when pr.Arguments.Length == 0: return pr.Property.OriginalDefinition;
                case IPropertyReferenceOperation indexer: target = indexer.Instance; continue;
                case IArrayElementReferenceOperation e: target = e.ArrayReference; continue;
                default: return null;
            }
        }
        return null;
    }
}

/// <summary>
/// Whether a store is guarded by a test of its own slot or of a flag set with it (<c>??=</c>, <c>if (_w is null)</c>,
/// <c>if (!_registered) { …; _registered = true; }</c>): the stale-waker rule's case. A refresh that tests
/// <c>!_w.WillWake(cx.Waker)</c> is not guarded. One instance per poll: the flags set to true are indexed once, and
/// each node's answer is remembered, so stores deep in a long else-if chain share their ancestors' work.
/// </summary>
internal sealed class StoreGuards
{
    private readonly Dictionary<SyntaxNode, Dictionary<string, List<int>>> _flagsSet = new();
    // Per slot name: whether an `if` above the node (below its scope, not through the if's condition) guards that slot.
    private readonly Dictionary<(SyntaxNode Node, string Slot), bool> _guardedAbove = new();
    private readonly Dictionary<(SyntaxNode If, string Slot), bool> _ifGuards = new();
    private readonly Dictionary<SyntaxNode, SyntaxNode> _scopes = new();

    public long Work { get; private set; }

    public bool IsGuarded(SyntaxNode store, ISymbol? slot)
    {
        // `w ??= cx.Waker` is the store itself (or wraps it with the same span).
        foreach (var node in store.AncestorsAndSelf())
        {
            Work++;
            if (node.Span != store.Span) break;
            if (node is AssignmentExpressionSyntax a) return a.IsKind(SyntaxKind.CoalesceAssignmentExpression);
        }
        return GuardedAbove(store, slot?.Name ?? "");
    }

    // Walks up to the first node whose answer is known (or the scope), then answers every node on the way, top down.
    private bool GuardedAbove(SyntaxNode from, string slot)
    {
        var path = new List<SyntaxNode>();
        var above = false;
        for (var node = from; ; node = node.Parent!)
        {
            Work++;
            if (_guardedAbove.TryGetValue((node, slot), out above)) break;
            path.Add(node);
            if (node.Parent is null || IsScope(node.Parent)) { above = false; break; }
        }
        for (var i = path.Count - 1; i >= 0; i--)
        {
            var node = path[i];
            if (!above && node.Parent is IfStatementSyntax ifStatement && ifStatement.Condition != node) above = IfGuards(ifStatement, slot);
            _guardedAbove[(node, slot)] = above;
        }
        return above;
    }

    // Whether the if's condition tests the slot, or a flag its branch sets to true.
    private bool IfGuards(IfStatementSyntax ifStatement, string slot)
    {
        if (_ifGuards.TryGetValue((ifStatement, slot), out var known)) return known;
        var guards = false;
        var condition = ifStatement.Condition;
        if (!NegatedWillWake(condition))
        {
            var scope = ScopeOf(ifStatement);
            foreach (var id in condition.DescendantNodesAndSelf())
            {
                Work++;
                if (id is not IdentifierNameSyntax name) continue;
                var text = name.Identifier.ValueText;
                if ((slot.Length > 0 && text == slot) || SetsFlag(scope, ifStatement.Statement.Span, text)) { guards = true; break; }
            }
        }
        _ifGuards[(ifStatement, slot)] = guards;
        return guards;
    }

    // The member, lambda or local function around the node (the tree's root when there is none), remembered for the path.
    private SyntaxNode ScopeOf(SyntaxNode from)
    {
        var path = new List<SyntaxNode>();
        SyntaxNode? scope = null;
        for (var node = from.Parent; node is not null; node = node.Parent)
        {
            Work++;
            if (_scopes.TryGetValue(node, out scope) || IsScope(node)) { scope ??= node; break; }
            path.Add(node);
        }
        scope ??= from.SyntaxTree.GetRoot();
        foreach (var node in path) _scopes[node] = scope;
        return scope;
    }

    private static bool IsScope(SyntaxNode node) => node is MemberDeclarationSyntax or AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax;

    private static bool NegatedWillWake(ExpressionSyntax condition)
    {
        foreach (var n in condition.DescendantNodesAndSelf())
        {
            if (n is PrefixUnaryExpressionSyntax u && u.IsKind(SyntaxKind.LogicalNotExpression) && u.Operand.ToString().Contains("WillWake")) return true;
        }
        return false;
    }

    // Whether `name = true` happens inside `branch`: positions of such writes, per name, found in one walk of the scope.
    private bool SetsFlag(SyntaxNode scope, Microsoft.CodeAnalysis.Text.TextSpan branch, string name)
    {
        if (!_flagsSet.TryGetValue(scope, out var flags)) _flagsSet[scope] = flags = IndexFlags(scope);
        if (!flags.TryGetValue(name, out var positions)) return false;
        var lo = 0;
        var hi = positions.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (positions[mid] < branch.Start) lo = mid + 1;
            else hi = mid;
        }
        return lo < positions.Count && positions[lo] < branch.End;
    }

    private Dictionary<string, List<int>> IndexFlags(SyntaxNode scope)
    {
        var flags = new Dictionary<string, List<int>>();
        foreach (var n in scope.DescendantNodes())
        {
            Work++;
            if (n is AssignmentExpressionSyntax { Left: var left, Right: LiteralExpressionSyntax lit } && lit.IsKind(SyntaxKind.TrueLiteralExpression)
                && left is IdentifierNameSyntax or MemberAccessExpressionSyntax && LastName(left) is { } flag)
            {
                if (!flags.TryGetValue(flag, out var positions)) flags[flag] = positions = new List<int>();
                positions.Add(n.SpanStart);
            }
        }
        return flags;
    }

    private static string? LastName(ExpressionSyntax e) => e switch
    {
        IdentifierNameSyntax id => id.Identifier.ValueText,
        MemberAccessExpressionSyntax m => m.Name.Identifier.ValueText,
        _ => null,
    };
}
