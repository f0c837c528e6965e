using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>Collects what one member (with its lambdas and local functions) writes, wakes, takes, clears and calls.</summary>
internal static class TypeModelMembers
{
    private static readonly HashSet<string> Publishers = new()
    {
        "Add", "AddRange", "Enqueue", "Push", "AddLast", "AddFirst", "Insert", "TryAdd", "TryAddLast", "TryWrite", "Post",
        "Set", "SetResult", "TrySetResult", "SetException", "TrySetException", "SetCanceled", "TrySetCanceled",
        "Cancel", "Release", "Signal", "Complete", "TryComplete", "CompleteAdding", "TryEnqueue", "TryPush",
        "AddOrUpdate", "TryUpdate", "GetOrAdd", "UnionWith",
    };

    private static readonly HashSet<string> Removers = new()
    {
        "Clear", "Remove", "RemoveAt", "RemoveAll", "RemoveFirst", "RemoveLast", "Dequeue", "TryDequeue", "Pop", "TryPop",
        "TryTake", "Take", "Reset", "TryRemove",
    };

    /// <summary>
    /// The facts of a poll method with no lambda or local function inside: all its operations belong to the poll (its
    /// <see cref="PollFacts"/>), so only whom it calls and what it stores count. Null when it holds a nested function.
    /// </summary>
    public static MemberFacts? CollectPollMember(IMethodSymbol member, IOperation root, PollFacts poll, HashSet<ISymbol> pollFunctions, MemberFacts? into)
    {
        var invoked = new List<IMethodSymbol>();
        var work = 0L;
        foreach (var op in FlatTree.Of(root).Operations)
        {
            work++;
            if (op is IAnonymousFunctionOperation or ILocalFunctionOperation) return null;
            if (((op as IInvocationOperation)?.TargetMethod ?? (op as IMethodReferenceOperation)?.Method) is { } method
                && method.Locations.Length > 0 && method.Locations[0].IsInSource) invoked.Add(method.OriginalDefinition);
        }
        var facts = into ?? new MemberFacts(member, new List<LockRegion>());
        facts.PollFunctions.UnionWith(pollFunctions);
        facts.Invoked.UnionWith(invoked);
        foreach (var store in poll.Stores)
        {
            if (store.Helper is null) facts.StoredParameters.Add((store.Carried, store.Slot));
        }
        TypeModelWork.Add(root.Syntax.SyntaxTree, work);
        return facts;
    }

    public static MemberFacts Collect(IMethodSymbol member, IOperation root, WakersSymbols symbols, INamedTypeSymbol type,
        HashSet<ISymbol> pollFunctions, List<LockRegion> regions, MemberFacts? into = null)
    {
        var facts = into ?? new MemberFacts(member, regions);
        if (into is not null) facts.Regions.AddRange(regions);
        facts.PollFunctions.UnionWith(pollFunctions);
        var origins = new ValueOrigins(root);
        var stores = new StoreFinder(root, symbols, type, member);

        var work = 0L;
        foreach (var (op, owner) in WalkWithOwners(root, member))
        {
            work++;
            if (((op as IInvocationOperation)?.TargetMethod ?? (op as IMethodReferenceOperation)?.Method) is { } invoked
                && invoked.Locations.Length > 0 && invoked.Locations[0].IsInSource) facts.Invoked.Add(invoked.OriginalDefinition);
            if (pollFunctions.Contains(owner)) continue;
            var inCtorBody = facts.IsConstructor && SymbolEqualityComparer.Default.Equals(owner, member);
            if (op is IFieldReferenceOperation readField) facts.Reads.Add(readField.Field.OriginalDefinition);
            else if (op is IPropertyReferenceOperation readProperty) facts.Reads.Add(readProperty.Property.OriginalDefinition);
            switch (op)
            {
                case IInvocationOperation call:
                    Invocation(call, facts, origins, stores, symbols, owner, inCtorBody);
                    break;
                case ISimpleAssignmentOperation assign:
                    Assignment(assign.Target, assign.Value, facts, symbols, owner, inCtorBody);
                    break;
                case IDeconstructionAssignmentOperation deconstruction:
                    Deconstruction(deconstruction.Target, deconstruction.Value, deconstruction.Syntax, facts, symbols, owner, inCtorBody);
                    break;
                case ICompoundAssignmentOperation compound when StoreFinder.RootMember(compound.Target) is { } m1:
                    facts.Writes.Add(new StateWrite(m1, WrittenValue.Other, false, op.Syntax, owner, inCtorBody, direction: WriteDirections.OfCompound(compound)));
                    break;
                case IIncrementOrDecrementOperation step when StoreFinder.RootMember(step.Target) is { } m2:
                    facts.Writes.Add(new StateWrite(m2, WrittenValue.Other, false, op.Syntax, owner, inCtorBody, direction: WriteDirections.OfStep(step)));
                    break;
                case ICoalesceAssignmentOperation coalesce when StoreFinder.RootMember(coalesce.Target) is { } m3:
                    facts.Writes.Add(new StateWrite(m3, Value(coalesce.Value), false, op.Syntax, owner, inCtorBody));
                    break;
            }
        }

        foreach (var store in stores.Find(root))
        {
            if (store.Helper is null) facts.StoredParameters.Add((store.Carried, store.Slot));
        }
        work += AddReadAndClearTakes(facts, origins, root);
        TypeModelWork.Add(root.Syntax.SyntaxTree, work + origins.Work + stores.Work);
        return facts;
    }

    // Every operation in document order with the innermost function it runs in (from the shared flattened tree).
    private static IEnumerable<(IOperation Operation, ISymbol Owner)> WalkWithOwners(IOperation root, IMethodSymbol member)
    {
        var tree = FlatTree.Of(root);
        var top = Owner(root, member);
        for (var i = 0; i < tree.Operations.Length; i++) yield return (tree.Operations[i], tree.Functions[i] ?? top);
    }

    private static void Invocation(IInvocationOperation call, MemberFacts facts, ValueOrigins origins, StoreFinder stores,
        WakersSymbols symbols, ISymbol owner, bool inCtorBody)
    {
        var method = call.TargetMethod;
        var name = method.Name;
        var isAtomicWaker = symbols.AtomicWaker is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.AtomicWaker);
        if (name == "Wake" && (symbols.IsWakerType(method.ContainingType) || isAtomicWaker) && call.Instance is { } woken)
        {
            // `_w?.Wake()`: the whole conditional access is the wake.
            var node = call.Parent is IConditionalAccessOperation access ? access.Syntax : call.Syntax;
            facts.Effects.Add(new WakerEffect(WakerEffectKind.Wake, origins.Of(woken), node, owner) { ThroughLocal = ThroughLocal(woken) });
            return;
        }
        if (!symbols.IsPollMethod(method) && !stores.IsOfType(method.ContainingType) && method.MethodKind == MethodKind.Ordinary && method.Locations.Length > 0 && method.Locations[0].IsInSource)
        {
            // `_shared.WakeReceiver()`: what a method of another type wakes counts once that type is joined in (CrossTypeModels).
            var argumentOrigins = new List<HashSet<ISymbol>>();
            var carried = new List<IParameterSymbol?>();
            foreach (var _ in method.Parameters) { argumentOrigins.Add(new HashSet<ISymbol>(SymbolEqualityComparer.Default)); carried.Add(null); }
            foreach (var a in call.Arguments)
            {
                if (a.Parameter is null || a.Parameter.Ordinal >= argumentOrigins.Count) continue;
                argumentOrigins[a.Parameter.Ordinal] = origins.Of(a.Value);
            }
            facts.Calls.Add(new HelperCall(method.OriginalDefinition, call.Syntax, owner, argumentOrigins, carried));
        }
        // A waker set of another type (`_recvWakers.NotifyOne()`, `_listeners.WakeAll()`): its name says it wakes.
        if (!isAtomicWaker && call.Instance is { } set && !stores.IsOfType(method.ContainingType) && WakerHolders.Holds(set.Type, symbols)
            && (name.IndexOf("Wake", System.StringComparison.OrdinalIgnoreCase) >= 0 || name.IndexOf("Notify", System.StringComparison.OrdinalIgnoreCase) >= 0))
        {
            facts.Effects.Add(new WakerEffect(WakerEffectKind.Wake, origins.Of(set), call.Syntax, owner));
            return;
        }
        if (isAtomicWaker && name == "Take")
        {
            // `_aw.Take();` with the waker thrown away empties the slot like `_w = null`.
            facts.Effects.Add(new WakerEffect(IsDiscarded(call) ? WakerEffectKind.Clear : WakerEffectKind.Take, origins.Of(call.Instance), StatementOrSelf(call), owner));
            return;
        }
        var atomic = SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Interlocked)
            || SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Volatile);
        if (atomic && call.Arguments.Length > 0 && StoreFinder.RootMember(call.Arguments[0].Value) is { } target)
        {
            if (name == "Read") return;
            var value = name is "Exchange" or "Write" or "CompareExchange" && call.Arguments.Length > 1 ? Value(call.Arguments[1].Value) : WrittenValue.Other;
            var holdsWaker = WakerHolders.Holds(call.Arguments[0].Value.Type, symbols);
            var dropsWaker = holdsWaker && (value == WrittenValue.Null || name is "Exchange" or "Write" && call.Arguments.Length > 1 && IsNoopWaker(call.Arguments[1].Value, symbols));
            if (name is "Exchange" or "CompareExchange" && dropsWaker)
            {
                // A take whose value is thrown away strands the waker just like `_w = null`.
                var kind = IsDiscarded(call) ? WakerEffectKind.Clear : WakerEffectKind.Take;
                facts.Effects.Add(new WakerEffect(kind, origins.Of(call.Arguments[0].Value), StatementOrSelf(call), owner));
                return;
            }
            var written = name is "Exchange" or "Write" && call.Arguments.Length > 1 ? NumberConstant(call.Arguments[1].Value) : null;
            var direction = SymbolEqualityComparer.Default.Equals(method.ContainingType, symbols.Interlocked)
                ? WriteDirections.OfInterlocked(name, call.Arguments.Length > 1 ? call.Arguments[1].Value : null) : WriteDirection.Unknown;
            facts.Writes.Add(new StateWrite(target, value, false, call.Syntax, owner, inCtorBody, written, direction));
            if (name == "Write" && dropsWaker)
            {
                facts.Effects.Add(new WakerEffect(WakerEffectKind.Clear, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { target }, call.Syntax, owner));
            }
            return;
        }
        if (stores.IsOfType(method.ContainingType) && method.Locations.Length > 0 && method.Locations[0].IsInSource)
        {
            var argumentOrigins = new List<HashSet<ISymbol>>();
            var carried = new List<IParameterSymbol?>();
            foreach (var _ in method.Parameters) { argumentOrigins.Add(new HashSet<ISymbol>(SymbolEqualityComparer.Default)); carried.Add(null); }
            foreach (var a in call.Arguments)
            {
                if (a.Parameter is null || a.Parameter.Ordinal >= argumentOrigins.Count) continue;
                argumentOrigins[a.Parameter.Ordinal] = origins.Of(a.Value);
                carried[a.Parameter.Ordinal] = stores.CarriedOrContext(a.Value);
            }
            facts.Calls.Add(new HelperCall(method.OriginalDefinition, call.Syntax, owner, argumentOrigins, carried));
            return;
        }

        if (call.Instance is { } receiver && WakerHolders.Holds(receiver.Type, symbols) && name == "Clear")
        {
            facts.Effects.Add(new WakerEffect(WakerEffectKind.Clear, origins.Of(receiver), call.Syntax, owner));
        }
        // `Array.Clear(_slots)`: the waker array's elements are wiped, not handed to code that might wake them.
        if (call.Instance is null && name == "Clear" && method.ContainingType.SpecialType == SpecialType.System_Array
            && call.Arguments.Length > 0 && WakerHolders.Holds(Strip(call.Arguments[0].Value)?.Type, symbols))
        {
            facts.Effects.Add(new WakerEffect(WakerEffectKind.Clear, origins.Of(call.Arguments[0].Value), call.Syntax, owner));
            return;
        }
        if (call.Instance is { } held && StoreFinder.RootMember(held) is { } heldMember)
        {
            if (Publishers.Contains(name)) facts.Writes.Add(new StateWrite(heldMember, WrittenValue.Other, false, call.Syntax, owner, inCtorBody));
            else if (Removers.Contains(name)) facts.Writes.Add(new StateWrite(heldMember, WrittenValue.Other, true, call.Syntax, owner, inCtorBody));
        }
        if (symbols.IsPollMethod(method) || name is "WillWake" or "Equals" or "ReferenceEquals" or "Contains" or "IndexOf" or "ToString" or "GetHashCode"
            or "ToArray" or "ToList" or "Clear" or "Remove" or "Add" or "Enqueue" or "Push" or "CopyTo") return;
        // A waker handed to code we cannot see may be woken there.
        foreach (var a in call.Arguments)
        {
            if (!WakerHolders.Holds(a.Value.Type, symbols) && a.Value.Type?.SpecialType != SpecialType.System_Object) continue;
            var from = origins.Of(a.Value);
            if (from.Count > 0) facts.Effects.Add(new WakerEffect(WakerEffectKind.PassOn, from, call.Syntax, owner));
        }
    }

    private static void Assignment(IOperation target, IOperation value, MemberFacts facts, WakersSymbols symbols, ISymbol owner, bool inCtorBody, SyntaxNode? at = null)
    {
        if (StoreFinder.RootMember(target) is not { } member) return;
        at ??= target.Parent?.Syntax ?? target.Syntax;
        var written = Value(value);
        facts.Writes.Add(new StateWrite(member, written, false, at, owner, inCtorBody, NumberConstant(value)));
        var isElement = target is IArrayElementReferenceOperation or IPropertyReferenceOperation { Arguments.Length: > 0 };
        if (!isElement && WakerHolders.Holds(target.Type, symbols)
            && (written == WrittenValue.Null || IsNoopWaker(value, symbols) || Strip(value) is IObjectCreationOperation or IArrayCreationOperation || IsCollectionExpression(value)))
        {
            facts.Effects.Add(new WakerEffect(WakerEffectKind.Clear, new HashSet<ISymbol>(SymbolEqualityComparer.Default) { member }, at, owner));
        }
    }

    // `(_value, _done) = (v, true);`: each element pair is its own assignment; a tuple from elsewhere writes Other.
    private static void Deconstruction(IOperation target, IOperation? value, SyntaxNode at, MemberFacts facts, WakersSymbols symbols, ISymbol owner, bool inCtorBody)
    {
        if (target is not ITupleOperation targets) return;
        var values = Strip(value) is ITupleOperation t && t.Elements.Length == targets.Elements.Length ? t : null;
        for (var i = 0; i < targets.Elements.Length; i++)
        {
            var element = targets.Elements[i];
            if (element is ITupleOperation) Deconstruction(element, values?.Elements[i], at, facts, symbols, owner, inCtorBody);
            else if (values is not null) Assignment(element, values.Elements[i], facts, symbols, owner, inCtorBody, at);
            else if (StoreFinder.RootMember(element) is { } member) facts.Writes.Add(new StateWrite(member, WrittenValue.Other, false, at, owner, inCtorBody));
        }
    }

    // `_w = Waker.Noop`: the slot keeps a waker that wakes nobody, so the stored one is dropped.
    private static bool IsNoopWaker(IOperation value, WakersSymbols symbols) =>
        Strip(value) is IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Noop" } p } && SymbolEqualityComparer.Default.Equals(p.ContainingType, symbols.Waker);

    // `Interlocked.Exchange(ref _w, null);` or `_ = Interlocked.Exchange(ref _w, null);`: nobody receives the old value.
    private static bool IsDiscarded(IOperation call)
    {
        var parent = call.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation) parent = parent.Parent;
        return parent is IExpressionStatementOperation
            || parent is ISimpleAssignmentOperation { Target: IDiscardOperation };
    }

    private static SyntaxNode StatementOrSelf(IOperation call) =>
        call.Parent is IExpressionStatementOperation ? call.Syntax : call.Parent is ISimpleAssignmentOperation { Target: IDiscardOperation } a ? a.Syntax : call.Syntax;

    // `w = _w; _w = null;` and `toWake = _waiters.ToArray(); _waiters.Clear();`: the read is a take.
    private static long AddReadAndClearTakes(MemberFacts facts, ValueOrigins origins, IOperation root)
    {
        // Per function and slot, where its last clear starts: a read before that is a take (one lookup per read, not a scan of the clears).
        var lastClear = new Dictionary<ISymbol, Dictionary<ISymbol, int>>(SymbolEqualityComparer.Default);
        var effects = facts.Effects.Count;
        for (var i = 0; i < effects; i++)
        {
            var e = facts.Effects[i];
            if (e.Kind != WakerEffectKind.Clear) continue;
            if (!lastClear.TryGetValue(e.Owner, out var slots)) lastClear[e.Owner] = slots = new Dictionary<ISymbol, int>(SymbolEqualityComparer.Default);
            foreach (var o in e.Origins) slots[o] = slots.TryGetValue(o, out var start) ? System.Math.Max(start, e.Node.SpanStart) : e.Node.SpanStart;
        }
        var work = (long)effects;
        if (lastClear.Count == 0) return work;
        foreach (var (op, owner) in WalkWithOwners(root, facts.Symbol))
        {
            work++;
            IOperation? value = op switch
            {
                IVariableDeclaratorOperation d => d.Initializer?.Value ?? (d.Parent as IVariableDeclarationOperation)?.Initializer?.Value,
                ISimpleAssignmentOperation { Target: ILocalReferenceOperation } a => a.Value,
                _ => null,
            };
            if (value is null || !lastClear.TryGetValue(owner, out var cleared)) continue;
            var from = origins.Of(value);
            foreach (var o in from)
            {
                work++;
                if (!cleared.TryGetValue(o, out var start) || start <= op.Syntax.SpanStart) continue;
                facts.Effects.Add(new WakerEffect(WakerEffectKind.Take, from, StatementOf(op), owner) { ReadAndClear = true });
                break;
            }
        }
        return work;
    }

    private static SyntaxNode StatementOf(IOperation op)
    {
        for (var o = op; o is not null; o = o.Parent)
        {
            if (o is IVariableDeclarationGroupOperation or IExpressionStatementOperation) return o.Syntax;
        }
        return op.Syntax;
    }

    private static bool ThroughLocal(IOperation woken)
    {
        var value = Strip(woken);
        if (value is IConditionalAccessInstanceOperation instance) value = Strip(ValueOrigins.AccessedValue(instance));
        return value is ILocalReferenceOperation;
    }

    internal static WrittenValue Value(IOperation? value)
    {
        value = Strip(value);
        if (value is null) return WrittenValue.Other;
        if (value is IDefaultValueOperation) return WrittenValue.Null;
        if (value.ConstantValue.HasValue)
        {
            if (value.ConstantValue.Value is null) return WrittenValue.Null;
            if (value.ConstantValue.Value is false) return WrittenValue.False;
            if (value.ConstantValue.Value is true) return WrittenValue.True;
        }
        return WrittenValue.Other;
    }

    // `_state = 2`, `Volatile.Write(ref _set, 0)`, `_phase = Phase.Done`: the number written, for the comparisons the poll makes.
    private static object? NumberConstant(IOperation value) =>
        Strip(value) is { ConstantValue: { HasValue: true, Value: { } number } } && IsNumber(number) ? number : null;

    private static bool IsNumber(object value) => value is int or long or short or byte or sbyte or uint or ulong or ushort or double or float or decimal;

    private static bool IsCollectionExpression(IOperation value) => Strip(value)?.Kind.ToString() == "CollectionExpression";

    private static IOperation? Strip(IOperation? value)
    {
        while (value is IConversionOperation or IParenthesizedOperation)
        {
            value = value is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)value).Operand;
        }
        return value;
    }

    /// <summary>The innermost method, local function or lambda an operation runs in.</summary>
    public static ISymbol Owner(IOperation op, IMethodSymbol member)
    {
        for (var o = op.Parent; o is not null; o = o.Parent)
        {
            // `_waiters.ForEach(w => w.Wake())` runs its lambda right there: it belongs to the enclosing function.
            if (o is IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ForEach" } } } }) continue;
            if (o is IAnonymousFunctionOperation f) return f.Symbol;
            if (o is ILocalFunctionOperation l) return l.Symbol;
        }
        return member;
    }
}
