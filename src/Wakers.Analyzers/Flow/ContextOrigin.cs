using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>Where a <c>Context</c> or a waker comes from, as seen from one function.</summary>
internal enum Origin
{
    /// <summary>Cannot tell: never reported.</summary>
    Unknown,

    /// <summary>This function's own Context (cx), its waker, or a waker built around it that wakes it.</summary>
    Own,

    /// <summary>A waker that is not this task's: Waker.Noop, default, a stored waker, a waker that wakes nobody.</summary>
    Foreign,
}

/// <summary>
/// Decides whether a Context argument is the function's own <c>cx</c>, built around <c>cx.Waker</c>, or foreign
/// (WAKE003). A function without a Context parameter has no task of its own: every Context it builds is foreign.
/// </summary>
internal sealed class ContextOrigin
{
    private const int MaxDepth = 8;

    private readonly WakersSymbols _symbols;
    private readonly IOperation _body;
    private readonly IOperation _root;
    private readonly Dictionary<ILocalSymbol, Origin> _localContexts = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<ILocalSymbol, Origin> _localWakers = new(SymbolEqualityComparer.Default);
    private Dictionary<ILocalSymbol, List<IOperation?>>? _definitions;
    private readonly HashSet<IParameterSymbol> _parametersInProgress;
    private readonly IMethodSymbol _function;
    private bool? _handsOnWaker;
    private readonly bool _deadOnly;

    /// <param name="symbols">The runtime's symbols.</param>
    /// <param name="function">The function (method, local function or lambda) whose view this is.</param>
    /// <param name="body">Its body.</param>
    /// <param name="deadOnly">Judge only wakers that wake nobody at all (Noop, default, an empty Waker.Create), as if there were a cx.</param>
    public ContextOrigin(WakersSymbols symbols, IMethodSymbol function, IOperation body, bool deadOnly = false)
        : this(symbols, function, body, deadOnly, new HashSet<IParameterSymbol>(SymbolEqualityComparer.Default))
    {
    }

    // A caller's view shares the parameters being judged, so helpers handing a waker round in a circle end.
    private ContextOrigin(WakersSymbols symbols, IMethodSymbol function, IOperation body, bool deadOnly, HashSet<IParameterSymbol> parametersInProgress)
    {
        _symbols = symbols;
        _deadOnly = deadOnly;
        _body = body;
        _function = function;
        _root = FunctionOperations.Root(body);
        _parametersInProgress = parametersInProgress;
        Context = symbols.ContextParameter(function);
    }

    /// <summary>The function's own Context parameter, or null when it has none (then it has no task of its own).</summary>
    public IParameterSymbol? Context { get; }

    /// <summary>The Context argument of an inner poll (a call of a poll method), or null when the call is not one.</summary>
    public static IArgumentOperation? ContextArgument(IInvocationOperation invocation, WakersSymbols symbols)
    {
        if (!symbols.IsPollMethod(invocation.TargetMethod)) return null;
        foreach (var argument in invocation.Arguments)
        {
            if (SymbolEqualityComparer.Default.Equals(argument.Parameter?.Type, symbols.Context)) return argument;
        }
        return null;
    }

    /// <summary>The field or property of this type that holds the polled future (<c>_inner</c>, <c>_children[i]</c>, <c>_inner?</c>), if any.</summary>
    public static ISymbol? PolledMember(IInvocationOperation invocation)
    {
        IOperation? receiver = invocation.Instance;
        if (receiver is null && invocation.TargetMethod.IsExtensionMethod && invocation.Arguments.Length > 0)
        {
            receiver = invocation.Arguments[0].Value;
        }
        for (var depth = 0; receiver is not null && depth < MaxDepth; depth++)
        {
            receiver = FunctionOperations.Strip(receiver);
            switch (receiver)
            {
                case IConditionalAccessInstanceOperation:
                    receiver = ConditionalAccessTarget(receiver);
                    continue;
                case IArrayElementReferenceOperation element:
                    receiver = element.ArrayReference;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    receiver = indexer.Instance;
                    continue;
                case IFieldReferenceOperation field when RootedAtThis(field.Instance):
                    return field.Field.OriginalDefinition;
                case IPropertyReferenceOperation property when RootedAtThis(property.Instance):
                    return property.Property.OriginalDefinition;
                default:
                    return null;
            }
        }
        return null;
    }

    /// <summary>Where a diagnostic about a call goes: the call, or the whole <c>x?.Poll(cx)</c> when it is a conditional access.</summary>
    public static Location CallLocation(IInvocationOperation invocation)
    {
        var node = invocation.Syntax;
        while (node.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax access && access.WhenNotNull == node) node = access;
        return node.GetLocation();
    }

    /// <summary>Where the Context passed as <paramref name="context"/> comes from.</summary>
    public Origin OfContext(IOperation context) => OfContext(context, 0);

    /// <summary>Where the waker <paramref name="waker"/> comes from.</summary>
    public Origin OfWaker(IOperation waker) => OfWaker(waker, 0);

    private Origin OfContext(IOperation context, int depth)
    {
        if (depth > MaxDepth) return Origin.Unknown;
        var value = FunctionOperations.Strip(context);
        switch (value)
        {
            case IParameterReferenceOperation p when IsContext(p.Type):
                return Origin.Own;
            case ILocalReferenceOperation local when IsContext(local.Type):
                return OfLocal(local.Local, _localContexts, d => OfContext(d, depth + 1));
            case IObjectCreationOperation creation when IsContext(creation.Type):
                // Without a Context of its own the function has no task: whatever it builds is not the poll's cx,
                // unless it is a helper that its callers hand their cx.Waker.
                if (Context is null && !_deadOnly) return IsHandedCallersWaker(creation, depth) ? Origin.Unknown : Origin.Foreign;
                return creation.Arguments.Length == 1 ? OfWaker(creation.Arguments[0].Value, depth + 1) : Origin.Unknown;
            case IDefaultValueOperation when IsContext(value.Type):
                return Origin.Foreign;
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return Both(OfContext(conditional.WhenTrue, depth + 1), OfContext(conditional.WhenFalse, depth + 1));
            default:
                return Origin.Unknown;
        }
    }

    private Origin OfWaker(IOperation waker, int depth)
    {
        if (depth > MaxDepth) return Origin.Unknown;
        var value = FunctionOperations.Strip(waker);
        switch (value)
        {
            case IPropertyReferenceOperation { Property.Name: "Waker" } p when IsContext(p.Property.ContainingType):
                return p.Instance is null ? Origin.Unknown : OfContext(p.Instance, depth + 1);
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Noop" } } p
                when SymbolEqualityComparer.Default.Equals(p.Property.ContainingType, _symbols.Waker):
                return Origin.Foreign;
            case IFieldReferenceOperation field:
                return StoredMember(field.Field, IsThisOrStatic(field.Instance));
            case IPropertyReferenceOperation property:
                return StoredMember(property.Property, IsThisOrStatic(property.Instance));
            case IInstanceReferenceOperation:
                return Stored(); // the future is its own waker: a relay
            case IParameterReferenceOperation parameter when _symbols.IsWakerType(parameter.Type):
                return OfWakerParameter(parameter.Parameter, depth);
            case ILocalReferenceOperation local:
                return OfLocal(local.Local, _localWakers, d => OfWaker(d, depth + 1));
            case ILiteralOperation { ConstantValue: { HasValue: true, Value: null } }:
            case IDefaultValueOperation:
                return Origin.Foreign;
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                return Both(OfWaker(conditional.WhenTrue, depth + 1), OfWaker(conditional.WhenFalse, depth + 1));
            case ICoalesceOperation coalesce:
                var first = OfWaker(coalesce.Value, depth + 1);
                if (first == Origin.Own) return Origin.Own;
                return first == Origin.Foreign && OfWaker(coalesce.WhenNull, depth + 1) == Origin.Foreign ? Origin.Foreign : Origin.Unknown;
            case IObjectCreationOperation creation when _symbols.IsWakerType(creation.Type):
                return OfCreatedWaker(creation, depth);
            case IInvocationOperation invocation:
                return OfWakerCall(invocation, depth);
            default:
                return Origin.Unknown;
        }
    }

    // new ChildWaker(cx.Waker, this): own only when the waker type keeps the argument and its Wake() wakes it.
    private Origin OfCreatedWaker(IObjectCreationOperation creation, int depth)
    {
        var kept = new List<IParameterSymbol>();
        foreach (var argument in creation.Arguments)
        {
            if (argument.Parameter is { } parameter && OfArgument(argument.Value, depth) == Origin.Own) kept.Add(parameter);
        }
        if (kept.Count == 0)
        {
            return WakerTypes.WakesNothing(creation.Type) ? Origin.Foreign : Stored();
        }
        return WakerTypes.WakesAnyOf(creation.Constructor, kept) switch
        {
            true => Origin.Own,
            false => Origin.Foreign,
            null => Origin.Own, // not in source: the benefit of the doubt
        };
    }

    private Origin OfWakerCall(IInvocationOperation invocation, int depth)
    {
        var method = invocation.TargetMethod;
        if (method.IsStatic && method.Name == "Create" && SymbolEqualityComparer.Default.Equals(method.ContainingType, _symbols.Waker)
            && invocation.Arguments.Length == 1)
        {
            var target = FunctionOperations.Strip(invocation.Arguments[0].Value);
            if (target is IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }) return OfWakeLambda(lambda, depth);
            if (target is IAnonymousFunctionOperation bare) return OfWakeLambda(bare, depth);
            if (target is IObjectCreationOperation wakeTarget)
            {
                foreach (var argument in wakeTarget.Arguments)
                {
                    if (OfArgument(argument.Value, depth) == Origin.Own) return Origin.Own;
                }
                return Stored();
            }
            return target is IInstanceReferenceOperation or IFieldReferenceOperation or IPropertyReferenceOperation ? Stored() : Origin.Unknown;
        }
        foreach (var argument in invocation.Arguments)
        {
            if (OfArgument(argument.Value, depth) == Origin.Own) return Origin.Own;
        }
        return Origin.Unknown;
    }

    // Waker.Create(() => { n++; w.Wake(); }) with w holding cx.Waker.
    private Origin OfWakeLambda(IAnonymousFunctionOperation lambda, int depth)
    {
        var calls = false;
        foreach (var op in lambda.Body.Descendants())
        {
            if (op is ILocalReferenceOperation local && _symbols.IsWakerType(local.Type)
                && OfLocal(local.Local, _localWakers, d => OfWaker(d, depth + 1)) == Origin.Own)
            {
                return Origin.Own;
            }
            if (op is IInvocationOperation) calls = true;
        }
        return calls ? Stored() : Origin.Foreign;
    }

    private Origin OfArgument(IOperation value, int depth)
    {
        var type = FunctionOperations.Strip(value).Type;
        if (IsContext(type)) return OfContext(value, depth + 1);
        return _symbols.IsWakerType(type) || _symbols.IsWakerType(value.Type) ? OfWaker(value, depth + 1) : Origin.Unknown;
    }

    // A waker handed in as a parameter (this function's own, or captured from an enclosing method) is not cx.Waker:
    // another task's waker, unless it is of a relay type that this poll may have built around cx.Waker.
    private Origin OfWakerParameter(IParameterSymbol parameter, int depth)
    {
        if (_deadOnly || Context is null) return Origin.Unknown;
        // A local function's or a private method's callers are all in sight: `Step(cx, cx.Waker)` hands it this task's waker.
        if (OfCallerArguments(parameter, depth) is { } passed) return passed;
        var type = parameter.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        return SymbolEqualityComparer.Default.Equals(type, _symbols.Waker) ? Origin.Foreign : Stored();
    }

    // `new Context(w)` in a helper without a Context of its own, where w is its parameter and a caller hands it cx.Waker.
    private bool IsHandedCallersWaker(IObjectCreationOperation creation, int depth) =>
        creation.Arguments.Length == 1
        && FunctionOperations.Strip(creation.Arguments[0].Value) is IParameterReferenceOperation parameter
        && _symbols.IsWakerType(parameter.Type)
        && SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, _function)
        && OfCallerArguments(parameter.Parameter, depth) == Origin.Unknown;

    // What the callers of a local function, or of this private method, pass for one of its parameters: Unknown when
    // one hands over this task's waker (the benefit of the doubt); null when no call is in sight.
    private Origin? OfCallerArguments(IParameterSymbol parameter, int depth)
    {
        if (parameter.ContainingSymbol is not IMethodSymbol function) return null;
        var isLocal = function.MethodKind == MethodKind.LocalFunction;
        var isOwnPrivate = function.MethodKind == MethodKind.Ordinary && function.DeclaredAccessibility == Accessibility.Private
                           && SymbolEqualityComparer.Default.Equals(function, _function);
        if (!isLocal && !isOwnPrivate) return null;
        if (!_parametersInProgress.Add(parameter)) return Origin.Unknown; // a recursive helper passing it on
        try
        {
            return isLocal ? OfArgumentsPassed(function, parameter, depth) : OfPrivateMethodArguments(function, parameter, depth);
        }
        finally
        {
            _parametersInProgress.Remove(parameter);
        }
    }

    // Each call judged from its caller's own view (its cx, its locals).
    private Origin? OfPrivateMethodArguments(IMethodSymbol method, IParameterSymbol parameter, int depth)
    {
        if (_body.SemanticModel is not { } model || depth > MaxDepth) return null;
        Origin? result = null;
        foreach (var site in ContextOriginCallers.Of(method, model))
        {
            var caller = new ContextOrigin(_symbols, site.Caller.Symbol, site.Caller.Body, _deadOnly, _parametersInProgress);
            foreach (var argument in site.Call.Arguments)
            {
                if (argument.Parameter?.Ordinal != parameter.Ordinal) continue;
                var origin = caller.OfWaker(argument.Value, depth + 1);
                if (origin == Origin.Own) return Origin.Unknown;
                result = result is null ? origin : Both(result.Value, origin);
            }
        }
        return result;
    }

    private Origin? OfArgumentsPassed(IMethodSymbol function, IParameterSymbol parameter, int depth)
    {
        Origin? result = null;
        foreach (var op in _root.Descendants())
        {
            if (op is not IInvocationOperation call
                || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, function.OriginalDefinition))
            {
                continue;
            }
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal != parameter.Ordinal) continue;
                var origin = OfWaker(argument.Value, depth + 1);
                if (origin == Origin.Own) return Origin.Unknown; // some caller passes cx.Waker: the benefit of the doubt
                result = result is null ? origin : Both(result.Value, origin);
            }
        }
        return result;
    }

    // A relay waker (a child waker object, this): another task's unless this poll hands cx.Waker to what it may wake.
    private Origin Stored() => _deadOnly || HandsOnWaker() ? Origin.Unknown : Origin.Foreign;

    // A waker read from a field or property. A copy of cx.Waker that this poll stores there is cx's (a guarded,
    // stale store is WAKE002's); a relay object built for it is judged by Stored(); any other stored waker is foreign.
    private Origin StoredMember(ISymbol member, bool onThis)
    {
        if (_deadOnly) return Origin.Unknown;
        if (AssignsOwnTo(member)) return Origin.Unknown;
        return onThis && WakerTypes.HoldsRelay(member, _symbols.Waker) ? Stored() : Origin.Foreign;
    }

    private bool AssignsOwnTo(ISymbol member)
    {
        foreach (var op in _body.Descendants())
        {
            switch (op)
            {
                case IAssignmentOperation assignment when IsMember(assignment.Target, member) && OfWaker(assignment.Value, 1) == Origin.Own:
                    return true;
                case IInvocationOperation call when call.Arguments.Length >= 2 && call.Arguments.Any(a => IsMember(a.Value, member) && IsByRef(a))
                                                     && call.Arguments.Any(a => !IsMember(a.Value, member) && OfArgument(a.Value, 1) == Origin.Own):
                    return true; // Interlocked.Exchange(ref _w, cx.Waker), Volatile.Write(ref _w, cx.Waker)
            }
        }
        return false;
    }

    private static bool IsByRef(IArgumentOperation argument) => argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out;

    private static bool IsMember(IOperation operation, ISymbol member) => FunctionOperations.Strip(operation) switch
    {
        IFieldReferenceOperation f => SymbolEqualityComparer.Default.Equals(f.Field.OriginalDefinition, member.OriginalDefinition),
        IPropertyReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Property.OriginalDefinition, member.OriginalDefinition),
        _ => false,
    };

    private Origin OfLocal(ILocalSymbol local, Dictionary<ILocalSymbol, Origin> cache, Func<IOperation, Origin> classify)
    {
        if (cache.TryGetValue(local, out var known)) return known;
        cache[local] = Origin.Unknown; // a cycle (w = w ?? x) answers Unknown
        var result = Origin.Unknown;
        if (Definitions().TryGetValue(local, out var values))
        {
            var own = false;
            var allForeign = true;
            foreach (var v in values)
            {
                var o = v is null ? Origin.Unknown : classify(v);
                own |= o == Origin.Own;
                allForeign &= o == Origin.Foreign;
            }
            result = own ? Origin.Own : allForeign && values.Count > 0 ? Origin.Foreign : Origin.Unknown;
        }
        cache[local] = result;
        return result;
    }

    // Every value written to each local anywhere in the member (captured locals are written outside the lambda); null = unknown.
    private Dictionary<ILocalSymbol, List<IOperation?>> Definitions()
    {
        if (_definitions is not null) return _definitions;
        var map = new Dictionary<ILocalSymbol, List<IOperation?>>(SymbolEqualityComparer.Default);
        void Add(ILocalSymbol local, IOperation? value)
        {
            if (!map.TryGetValue(local, out var list)) map[local] = list = new List<IOperation?>();
            list.Add(value);
        }
        foreach (var op in _root.DescendantsAndSelf())
        {
            switch (op)
            {
                case IVariableDeclaratorOperation declarator:
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    if (initializer is not null) Add(declarator.Symbol, initializer.Value);
                    break;
                case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment:
                    Add(target.Local, assignment is ISimpleAssignmentOperation or ICoalesceAssignmentOperation ? assignment.Value : null);
                    break;
                case IArgumentOperation { Value: ILocalReferenceOperation byRef } argument
                    when argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref:
                    Add(byRef.Local, null);
                    break;
                case IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared }:
                    Add(declared.Local, null);
                    break;
                case IForEachLoopOperation loop:
                    foreach (var local in loop.Locals) Add(local, null);
                    break;
                case IDeclarationPatternOperation { DeclaredSymbol: ILocalSymbol patternLocal }:
                    Add(patternLocal, null);
                    break;
            }
        }
        return _definitions = map;
    }

    /// <summary>
    /// Whether this function hands cx.Waker (or cx) on to something other than an inner poll: stored in a field,
    /// passed to a method (AtomicWaker.Register, a child waker's setter), captured by a callback. Then a waker
    /// read from a field may well relay to it, and is not judged foreign.
    /// </summary>
    public bool HandsOnWaker()
    {
        if (_handsOnWaker is { } known) return known;
        _handsOnWaker = false; // re-entrancy through OfLocal answers "no" while computing
        var result = false;
        foreach (var op in _body.DescendantsAndSelf())
        {
            if (!IsOwnWakerOrContext(op)) continue;
            if (!ReferenceEquals(FunctionOperations.EnclosingFunction(op), FunctionOperations.EnclosingFunction(_body))
                && !IsSelf(FunctionOperations.EnclosingFunction(op)))
            {
                result = true; // captured by a nested function: a callback that may wake it
                break;
            }
            if (IsHandedOn(op))
            {
                result = true;
                break;
            }
        }
        _handsOnWaker = result;
        return result;
    }

    private bool IsSelf(IOperation? function) =>
        function is not null && (ReferenceEquals(function, _body) || ReferenceEquals(function, _body.Parent));

    private bool IsOwnWakerOrContext(IOperation op) => op switch
    {
        IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, Context),
        IPropertyReferenceOperation { Property.Name: "Waker", Instance: { } instance } p when IsContext(p.Property.ContainingType) =>
            OfContext(instance, 0) == Origin.Own,
        ILocalReferenceOperation local when _symbols.IsWakerType(local.Type) =>
            OfLocal(local.Local, _localWakers, d => OfWaker(d, 1)) == Origin.Own,
        _ => false,
    };

    private bool IsHandedOn(IOperation op)
    {
        var child = op;
        var parent = op.Parent;
        while (parent is IConversionOperation or IParenthesizedOperation)
        {
            child = parent;
            parent = parent.Parent;
        }
        switch (parent)
        {
            case IPropertyReferenceOperation { Property.Name: "Waker" }:
                return false; // cx.Waker: judged as its own operation
            case IArgumentOperation argument:
                switch (argument.Parent)
                {
                    case IInvocationOperation invocation:
                        if (_symbols.IsPollMethod(invocation.TargetMethod)) return false;
                        return invocation.TargetMethod.Name is not ("WillWake" or "Equals" or "ReferenceEquals" or "ToString" or "GetHashCode");
                    case IObjectCreationOperation creation:
                        return !IsContext(creation.Type);
                    default:
                        return true;
                }
            case IAssignmentOperation assignment when ReferenceEquals(assignment.Value, child):
                return assignment.Target is not ILocalReferenceOperation;
            case IArrayInitializerOperation:
                return true;
            default:
                return false;
        }
    }

    private bool IsContext(ITypeSymbol? type) => SymbolEqualityComparer.Default.Equals(type, _symbols.Context);

    private static Origin Both(Origin a, Origin b) => a == b ? a : Origin.Unknown;

    // this, static, or a member path under this (`_state.Inner`): the same slot on every call.
    private static bool RootedAtThis(IOperation? instance)
    {
        for (var depth = 0; depth < MaxDepth; depth++)
        {
            switch (instance is null ? null : FunctionOperations.Strip(instance))
            {
                case null:
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance }:
                    return true;
                case IFieldReferenceOperation field:
                    instance = field.Instance;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                    instance = property.Instance;
                    continue;
                default:
                    return false;
            }
        }
        return false;
    }

    private static bool IsThisOrStatic(IOperation? instance) =>
        instance is null || instance is IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance };

    private static IOperation? ConditionalAccessTarget(IOperation instance)
    {
        for (var op = instance.Parent; op is not null; op = op.Parent)
        {
            if (op is IConditionalAccessOperation access) return access.Operation;
        }
        return null;
    }
}
