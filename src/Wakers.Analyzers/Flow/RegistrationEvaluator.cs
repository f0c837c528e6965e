using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// The transfer function of the lost-wakeup dataflow: evaluates one operation of a poll method's graph on one path,
/// tracking waker-carrying values and Poll values, and marking the path registered when the waker is kept.
/// </summary>
internal sealed class RegistrationEvaluator
{
    private readonly PollMethod _poll;
    private readonly RegistrationSummaries _summaries;
    private readonly WakersSymbols _symbols;
    private readonly SemanticModel? _model;

    public RegistrationEvaluator(PollMethod poll, RegistrationSummaries summaries)
    {
        _poll = poll;
        _summaries = summaries;
        _symbols = summaries.Symbols;
        _model = poll.Graph.OriginalOperation.SemanticModel;
    }

    /// <summary>The fields of this type that a helper call writes the waker into ("this._w").</summary>
    public Dictionary<IOperation, System.Collections.Immutable.ImmutableArray<string>> HelperSlots { get; } = new();

    /// <summary>Set during the "later poll" run of WAKE002: stores that only fill an empty slot then store nothing.</summary>
    public bool LaterPoll { get; set; }

    /// <summary>Store-if-absent calls met (any run) and those a later poll skipped.</summary>
    public HashSet<IOperation> SeenStoresIfAbsent { get; } = new();
    public HashSet<IOperation> SkippedStoresIfAbsent { get; } = new();

    private bool IsStoreIfAbsent(IInvocationOperation inv)
    {
        var name = inv.TargetMethod.Name;
        if (name is "TryAdd" or "GetOrAdd")
        {
            return inv.Arguments.Length >= 2 && inv.Arguments[inv.Arguments.Length - 1].Value is var v && IsCx(v);
        }
        return name == "CompareExchange" && inv.Arguments.Length == 3 && inv.Arguments[0].Parameter?.RefKind == RefKind.Ref
            && IsCx(inv.Arguments[1].Value) && SlotFact.IsNullLiteral(inv.Arguments[2].Value);

        bool IsCx(IOperation op)
        {
            while (op is IConversionOperation c) op = c.Operand;
            return op is IPropertyReferenceOperation { Property.Name: "Waker", Instance: IParameterReferenceOperation p }
                && SymbolEqualityComparer.Default.Equals(p.Parameter, _poll.Context);
        }
    }

    /// <summary>Slot keys of this graph's operations (<see cref="SlotFact.KeyOf"/>), computed once.</summary>
    public Dictionary<IOperation, string?> SlotKeys { get; } = new();

    /// <summary>The state keys of this graph's comparisons (<see cref="SlotFact.RefineRelation"/>), computed once.</summary>
    public Dictionary<IBinaryOperation, SlotFact.RelationKeys> RelationKeys { get; } = new();

    /// <summary>Calls to helpers that store the waker only under a store-once guard, with the guard's description.</summary>
    public Dictionary<IOperation, string> StaleCalls { get; } = new();

    /// <summary>Called for every registration met (the operation, and whether it writes the waker somewhere).</summary>
    public Action<IOperation, bool>? OnRegistration { get; set; }

    public RegistrationValue Evaluate(IOperation? op, ref RegistrationState s)
    {
        if (FreshStack.IsLow())
        {
            var before = s;
            var (value, after) = FreshStack.Run(() =>
            {
                var state = before;
                var v = Evaluate(op, ref state);
                return (v, state);
            });
            s = after;
            return value;
        }
        // Any write may change a side of a learned comparison.
        if (op is IAssignmentOperation or IIncrementOrDecrementOperation or IDeconstructionAssignmentOperation) s = SlotFact.ForgetRelations(s);
        switch (op)
        {
            case null:
                return RegistrationValue.Unknown;
            case IConversionOperation c:
                return Evaluate(c.Operand, ref s);
            case IParenthesizedOperation p:
                return Evaluate(p.Operand, ref s);
            case IFlowCaptureOperation capture:
            {
                var v = Evaluate(capture.Value, ref s);
                s = s.With(capture.Id, v);
                return v;
            }
            case IFlowCaptureReferenceOperation r:
                return s.Get(r.Id);
            case ILocalReferenceOperation l:
                return s.Get(l.Local);
            case IParameterReferenceOperation p:
                if (s.Has(p.Parameter)) return s.Get(p.Parameter);
                return SymbolEqualityComparer.Default.Equals(p.Parameter, _poll.Context) ? RegistrationValue.Carrier : RegistrationValue.Unknown;
            case ILiteralOperation when op.ConstantValue is { HasValue: true, Value: bool b }:
                return RegistrationValue.Bool(b);
            case IDefaultValueOperation d:
                return _symbols.IsPollType(d.Type) ? RegistrationValue.Pending : RegistrationValue.Unknown;
            case IObjectCreationOperation create:
                return EvaluateCreation(create, ref s);
            case IInvocationOperation inv:
                return EvaluateInvocation(inv, ref s);
            case IPropertyReferenceOperation pr:
            {
                var instance = Evaluate(pr.Instance, ref s);
                foreach (var a in pr.Arguments) Evaluate(a.Value, ref s);
                if (pr.Property.IsStatic && pr.Property.Name == "Pending" && _symbols.IsPollType(pr.Property.ContainingType)) return RegistrationValue.Pending;
                if (pr.Property.Name == "Waker" && SymbolEqualityComparer.Default.Equals(pr.Property.ContainingType, _symbols.Context) && instance.IsCarrier)
                {
                    return RegistrationValue.Carrier;
                }
                return RegistrationValue.Unknown;
            }
            case ISimpleAssignmentOperation a:
                return EvaluateAssignment(a, ref s);
            case ICompoundAssignmentOperation ca:
            {
                Evaluate(ca.Target, ref s);
                var v = Evaluate(ca.Value, ref s);
                if (v.IsCarrier && !IsLocalTarget(ca.Target)) Register(ca, true, ref s);
                return RegistrationValue.Unknown;
            }
            case IEventAssignmentOperation ea:
            {
                Evaluate(ea.EventReference, ref s);
                var v = Evaluate(ea.HandlerValue, ref s);
                if (v.IsCarrier) Register(ea, true, ref s);
                return RegistrationValue.Unknown;
            }
            case IDelegateCreationOperation d:
                return Evaluate(d.Target, ref s);
            case IFlowAnonymousFunctionOperation f:
            {
                var captures = CapturesCarrier(f.Syntax, s);
                s = EscapeCaptured(f.Syntax, s); // an object a callback can reach is fresh no more
                return captures ? RegistrationValue.Carrier : RegistrationValue.Unknown;
            }
            case IMethodReferenceOperation m:
            {
                var instance = Evaluate(m.Instance, ref s);
                if (instance.IsCarrier) return RegistrationValue.Carrier;
                return m.Method.MethodKind == MethodKind.LocalFunction && LocalFunctionCaptures(m.Method, s).Any()
                    ? RegistrationValue.Carrier : RegistrationValue.Unknown;
            }
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
            {
                var v = Evaluate(not.Operand, ref s);
                return v.Kind switch
                {
                    RegistrationValueKind.True => RegistrationValue.Bool(false),
                    RegistrationValueKind.False => RegistrationValue.Bool(true),
                    _ => RegistrationValue.Unknown,
                };
            }
            case IArrayCreationOperation or IArrayInitializerOperation or ITupleOperation or IObjectOrCollectionInitializerOperation:
            {
                var any = false;
                foreach (var child in op.ChildOperations) any |= Evaluate(child, ref s).IsCarrier;
                if (any) return RegistrationValue.Carrier;
                return op is IArrayCreationOperation ? new RegistrationValue(RegistrationValueKind.Fresh) : RegistrationValue.Unknown;
            }
            case IBinaryOperation binary when binary.ConstantValue is not { HasValue: true, Value: bool }:
                return EvaluateOperands(binary, ref s);
            case IInvalidOperation invalid:
            {
                // Half-typed code: a call we cannot bind gets the benefit of the doubt when it is handed the waker.
                var any = false;
                foreach (var child in invalid.ChildOperations) any |= Evaluate(child, ref s).IsCarrier;
                if (any) Register(invalid, false, ref s);
                return RegistrationValue.Unknown;
            }
            default:
            {
                if (op.ConstantValue is { HasValue: true, Value: bool cb }) return RegistrationValue.Bool(cb);
                foreach (var child in op.ChildOperations) Evaluate(child, ref s);
                return RegistrationValue.Unknown;
            }
        }
    }

    // A chain like `a + b + c + ...` nests to the left as deep as it is long: its operands are evaluated in order in a
    // loop (as the default case would, recursively), so a generated 10,000-term sum cannot overflow the stack.
    private RegistrationValue EvaluateOperands(IBinaryOperation binary, ref RegistrationState s)
    {
        var rights = new Stack<IOperation>();
        IOperation left = binary;
        while (left is IBinaryOperation b && b.ConstantValue is not { HasValue: true, Value: bool })
        {
            rights.Push(b.RightOperand);
            left = b.LeftOperand;
        }
        Evaluate(left, ref s);
        while (rights.Count > 0) Evaluate(rights.Pop(), ref s);
        return RegistrationValue.Unknown;
    }

    /// <summary>The value of an already evaluated expression, without side effects (for branch refinement).</summary>
    public RegistrationValue Peek(IOperation? op, RegistrationState s)
    {
        switch (op)
        {
            case IConversionOperation c:
                return Peek(c.Operand, s);
            case IParenthesizedOperation p:
                return Peek(p.Operand, s);
            case IFlowCaptureReferenceOperation r:
                return s.Get(r.Id);
            case ILocalReferenceOperation l:
                return s.Get(l.Local);
            case IParameterReferenceOperation p:
                return s.Get(p.Parameter);
            case IInvocationOperation inv when IsInnerPoll(inv):
                return new RegistrationValue(RegistrationValueKind.InnerPoll, inv);
            case IInvocationOperation { TargetMethod.Name: "Map" } map when _symbols.IsPollType(map.TargetMethod.ContainingType):
                return Peek(map.Instance, s);
            case IPropertyReferenceOperation pr when pr.Property.IsStatic && pr.Property.Name == "Pending" && _symbols.IsPollType(pr.Property.ContainingType):
                return RegistrationValue.Pending;
            case IDefaultValueOperation d when _symbols.IsPollType(d.Type):
                return RegistrationValue.Pending;
            case { ConstantValue: { HasValue: true, Value: bool b } }:
                return RegistrationValue.Bool(b);
            default:
                return RegistrationValue.Unknown;
        }
    }

    public bool IsInnerPoll(IInvocationOperation inv) =>
        _symbols.IsPollMethod(inv.TargetMethod)
        && inv.Arguments.Any(a => SymbolEqualityComparer.Default.Equals(a.Parameter?.Type, _symbols.Context));

    private RegistrationValue EvaluateAssignment(ISimpleAssignmentOperation a, ref RegistrationState s)
    {
        var target = a.Target;
        // ??= and friends assign through a capture of the target: look through it.
        while (target is IFlowCaptureReferenceOperation r && CaptureSource(r) is { } source) target = source;
        switch (target)
        {
            case ILocalReferenceOperation l:
            {
                var v = Evaluate(a.Value, ref s);
                s = s.With(l.Local, v);
                return v;
            }
            case IParameterReferenceOperation { Parameter.RefKind: RefKind.None } p:
            {
                var v = Evaluate(a.Value, ref s);
                s = s.With(p.Parameter, v);
                return v;
            }
            default:
            {
                Evaluate(a.Target, ref s);
                var v = Evaluate(a.Value, ref s);
                s = SlotFact.ForgetRelations(s);
                s = Escape(a.Value, s);
                if (v.IsCarrier && FreshOwner(target, s) is { } owner) s = s.With(owner, RegistrationValue.Carrier);
                else if (v.IsCarrier) Register(a, true, ref s);
                if (SlotFact.KeyOf(target, this) is { } slot)
                {
                    s = SlotFact.AssignedParts(s.With(slot, SlotFact.Assigned(a.Value, v)).WithoutPartsOf(slot), slot, a.Value, target.Type);
                    if (SlotFact.IsNullLiteral(a.Value) || a.Value is IDefaultValueOperation) s = s.Cleared(slot);
                }
                return v;
            }
        }
    }

    private RegistrationValue EvaluateCreation(IObjectCreationOperation create, ref RegistrationState s)
    {
        var any = false;
        var mask = 0;
        foreach (var a in create.Arguments)
        {
            if (Evaluate(a.Value, ref s).IsCarrier)
            {
                any = true;
                if (a.Parameter is { Ordinal: < 31 } p) mask |= 1 << p.Ordinal;
            }
        }
        if (create.Initializer is { } init)
        {
            // Member initializers write the new object, not a shared slot: only their values matter.
            foreach (var i in init.Initializers)
            {
                var value = i is ISimpleAssignmentOperation ia ? Evaluate(ia.Value, ref s) : Evaluate(i, ref s);
                any |= value.IsCarrier;
            }
        }
        if (create.Arguments.Length == 0 && create.Initializer is null && _symbols.IsPollType(create.Type)) return RegistrationValue.Pending;
        if (!any) return create.Type?.IsReferenceType == true ? new RegistrationValue(RegistrationValueKind.Fresh) : RegistrationValue.Unknown;
        if (mask != 0 && create.Constructor is { } ctor && !RegistrationCallees.IsNonKeepingConstruction(create.Type, _symbols))
        {
            // A thread, a timer, a registration object: the constructor keeps (hands on) the waker.
            var summary = RegistrationCallees.HasReadableBody(ctor) ? _summaries.Get(ctor, mask) : HelperSummary.BenefitOfDoubt;
            if (summary.Keeps) Register(create, summary.Stores, ref s);
        }
        return RegistrationValue.Carrier;
    }

    private RegistrationValue EvaluateInvocation(IInvocationOperation inv, ref RegistrationState s)
    {
        var target = inv.TargetMethod;
        s = SlotFact.ForgetRelations(s); // a call may change either side of a comparison
        var instance = Evaluate(inv.Instance, ref s);
        var mask = 0;
        foreach (var a in inv.Arguments)
        {
            if (Evaluate(a.Value, ref s).IsCarrier && a.Parameter is { Ordinal: < 31 } p) mask |= 1 << p.Ordinal;
        }
        if (_symbols.IsPollType(target.ContainingType))
        {
            if (target.IsStatic && target.Name == "Ready") return RegistrationValue.Ready;
            if (!target.IsStatic && target.Name == "Map") return instance;
            return RegistrationValue.Unknown;
        }
        if (IsInnerPoll(inv))
        {
            // Any Context counts here: a foreign one is WAKE003's bug, not this rule's.
            s = s.WithOpenPoll(inv);
            return new RegistrationValue(RegistrationValueKind.InnerPoll, inv);
        }
        if (instance.IsCarrier && RegistrationCallees.IsWakeCall(target))
        {
            Register(inv, false, ref s);
            return RegistrationValue.Unknown;
        }
        if (mask == 0 && !(target.MethodKind == MethodKind.LocalFunction && LocalFunctionCaptures(target, s).Any())) return RegistrationValue.Unknown;
        if (RegistrationCallees.IsKnownNonKeeping(target)) return RegistrationValue.Unknown;
        foreach (var a in inv.Arguments) s = Escape(a.Value, s);
        if (mask != 0 && FreshOwner(inv.Instance, s) is { } freshReceiver && !RegistrationCallees.IsWakeCall(target))
        {
            // list.Add(cx.Waker) on a list made in this poll: the waker sits in a local until the list goes somewhere.
            s = s.With(freshReceiver, RegistrationValue.Carrier);
            return RegistrationValue.Unknown;
        }
        if (IsStoreIfAbsent(inv))
        {
            // TryAdd / GetOrAdd / CompareExchange(ref slot, waker, null): a store-once in one call. A later poll finds the slot taken.
            if (LaterPoll) SkippedStoresIfAbsent.Add(inv);
            else Register(inv, true, ref s);
            SeenStoresIfAbsent.Add(inv);
            return RegistrationValue.Unknown;
        }
        if (_symbols.AtomicWaker is { } atomic && target.Name == "Register" && SymbolEqualityComparer.Default.Equals(target.ContainingType, atomic))
        {
            Register(inv, true, ref s);
            return RegistrationValue.Unknown;
        }
        HelperSummary summary;
        if (target.MethodKind == MethodKind.LocalFunction)
        {
            summary = _summaries.GetWithCaptures(target, mask, LocalFunctionCaptures(target, s));
        }
        else
        {
            summary = RegistrationCallees.HasReadableBody(target) ? _summaries.Get(target, mask) : HelperSummary.BenefitOfDoubt;
        }
        if (summary.Keeps && target.MethodKind != MethodKind.LocalFunction && _summaries.StaleGuard(target, mask) is { } staleGuard) StaleCalls[inv] = staleGuard;
        if (summary.Keeps && !summary.StoredFields.IsEmpty && inv.Instance is null or IInstanceReferenceOperation) HelperSlots[inv] = summary.StoredFields;
        if (summary.Keeps) Register(inv, summary.Stores, ref s);
        return !target.ReturnsVoid && target.ReturnType.IsReferenceType && mask != 0 ? RegistrationValue.Carrier : RegistrationValue.Unknown;
    }

    // The local holding a fresh object that a target writes into (box.Waiter, array[0], list), if any.
    private static object? FreshOwner(IOperation? target, RegistrationState s)
    {
        for (var op = target; op is not null;)
        {
            switch (op)
            {
                case IConversionOperation c:
                    op = c.Operand;
                    continue;
                case IFieldReferenceOperation f:
                    op = f.Instance;
                    continue;
                case IPropertyReferenceOperation p:
                    op = p.Instance;
                    continue;
                case IArrayElementReferenceOperation e:
                    op = e.ArrayReference;
                    continue;
                case ILocalReferenceOperation l:
                    return s.Get(l.Local).Kind == RegistrationValueKind.Fresh ? l.Local : null;
                case IFlowCaptureReferenceOperation r:
                    // A collection initializer's Add on the object being created (`new List<Waker> { cx.Waker }`).
                    return s.Get(r.Id).Kind == RegistrationValueKind.Fresh ? r.Id : null;
                default:
                    return null;
            }
        }
        return null;
    }

    // A fresh object handed to a field or a call is fresh no more.
    private static RegistrationState Escape(IOperation value, RegistrationState s)
    {
        while (value is IConversionOperation c) value = c.Operand;
        return value is ILocalReferenceOperation l && s.Get(l.Local).Kind == RegistrationValueKind.Fresh
            ? s.With(l.Local, RegistrationValue.Unknown) : s;
    }

    private void Register(IOperation op, bool store, ref RegistrationState s)
    {
        var slot = op is ISimpleAssignmentOperation a ? SlotFact.KeyOf(StripCapture(a.Target), this) : null;
        s = slot is null ? s.Registered() : s.RegisteredIn(slot);
        OnRegistration?.Invoke(op, store);
    }

    private IOperation StripCapture(IOperation target)
    {
        while (target is IFlowCaptureReferenceOperation r && CaptureSource(r) is { } source) target = source;
        return target;
    }

    private static bool IsLocalTarget(IOperation target) =>
        target is ILocalReferenceOperation or IParameterReferenceOperation { Parameter.RefKind: RefKind.None };

    private Dictionary<CaptureId, IOperation>? _captureSources;

    /// <summary>The operation a flow capture holds, when one capture holds exactly one operation.</summary>
    public IOperation? CaptureSource(IFlowCaptureReferenceOperation reference)
    {
        if (_captureSources is null)
        {
            _captureSources = new Dictionary<CaptureId, IOperation>();
            var ambiguous = new HashSet<CaptureId>();
            foreach (var b in _poll.Graph.Blocks)
            {
                foreach (var op in b.Operations)
                {
                    foreach (var c in op.DescendantsAndSelf().OfType<IFlowCaptureOperation>())
                    {
                        if (_captureSources.ContainsKey(c.Id)) ambiguous.Add(c.Id);
                        else _captureSources[c.Id] = c.Value;
                    }
                }
            }
            foreach (var id in ambiguous) _captureSources.Remove(id);
        }
        return _captureSources.TryGetValue(reference.Id, out var source) ? source : null;
    }

    private bool CapturesCarrier(SyntaxNode syntax, RegistrationState s) => CapturedCarriers(syntax, s).Any();

    private RegistrationState EscapeCaptured(SyntaxNode syntax, RegistrationState s)
    {
        if (_model is null || syntax.SyntaxTree != _model.SyntaxTree || !s.HasValueOfKind(RegistrationValueKind.Fresh)) return s;
        foreach (var id in syntax.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (_model.GetSymbolInfo(id).Symbol is ILocalSymbol local && s.Get(local).Kind == RegistrationValueKind.Fresh) s = s.With(local, RegistrationValue.Unknown);
        }
        return s;
    }

    private IEnumerable<ISymbol> LocalFunctionCaptures(IMethodSymbol localFunction, RegistrationState s)
    {
        foreach (var reference in localFunction.DeclaringSyntaxReferences)
        {
            foreach (var symbol in CapturedCarriers(reference.GetSyntax(), s)) yield return symbol;
        }
    }

    // Locals (and parameters) of the poll method that a nested function's body mentions and that hold the waker here.
    private IEnumerable<ISymbol> CapturedCarriers(SyntaxNode syntax, RegistrationState s)
    {
        if (_model is null || s.HasNoValues || syntax.SyntaxTree != _model.SyntaxTree) yield break;
        foreach (var id in syntax.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            var symbol = _model.GetSymbolInfo(id).Symbol;
            if (symbol is ILocalSymbol or IParameterSymbol && s.Get(symbol).IsCarrier) yield return symbol;
        }
    }
}
