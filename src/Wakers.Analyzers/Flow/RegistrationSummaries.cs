using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>What a helper does with the waker (or the Context) it is handed.</summary>
internal readonly struct HelperSummary
{
    public HelperSummary(bool keeps, bool stores, ImmutableArray<string> storedFields)
    {
        Keeps = keeps;
        Stores = stores;
        StoredFields = storedFields.IsDefault ? ImmutableArray<string>.Empty : storedFields;
    }

    /// <summary>Stores it, wakes it, hands it on, or polls with it: a registration.</summary>
    public bool Keeps { get; }

    /// <summary>Writes it somewhere (a field, a collection): a store in the contract's sense.</summary>
    public bool Stores { get; }

    /// <summary>Fields of the helper's own type it writes the waker into ("this.name").</summary>
    public ImmutableArray<string> StoredFields { get; }

    public static HelperSummary BenefitOfDoubt => new(true, true, ImmutableArray<string>.Empty);
    public static HelperSummary Nothing => new(false, false, ImmutableArray<string>.Empty);
}

/// <summary>
/// Per-compilation cache of helper summaries: does a method of this compilation keep the waker it receives,
/// directly or through further helpers (bounded depth).
/// </summary>
internal sealed class RegistrationSummaries
{
    private const int MaxDepth = 4;
    private readonly Compilation _compilation;
    private readonly WakersSymbols _symbols;
    private readonly ConcurrentDictionary<(IMethodSymbol, int), HelperSummary> _cache =
        new(new MethodKeyComparer());
    private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> _models = new();

    public RegistrationSummaries(Compilation compilation, WakersSymbols symbols)
    {
        _compilation = compilation;
        _symbols = symbols;
    }

    public WakersSymbols Symbols => _symbols;

    /// <summary>The summary of <paramref name="method"/> for the parameters (ordinals as a bit mask) that carry the waker.</summary>
    public HelperSummary Get(IMethodSymbol method, int carrierMask) => Get(method, carrierMask, 0, new HashSet<(IMethodSymbol, int)>());

    private readonly ConcurrentDictionary<(IMethodSymbol, int), string> _staleGuards = new(new MethodKeyComparer());

    /// <summary>
    /// For a helper handed the waker in one parameter: a description of the guard under which it alone stores it
    /// ("the slot is empty"), when a later call with another task's waker stores nothing; otherwise null.
    /// </summary>
    public string? StaleGuard(IMethodSymbol helper, int carrierMask)
    {
        helper = helper.OriginalDefinition;
        if (carrierMask == 0 || (carrierMask & (carrierMask - 1)) != 0 || !RegistrationCallees.HasReadableBody(helper)) return null;
        var key = (helper, carrierMask);
        if (_staleGuards.TryGetValue(key, out var cached)) return cached.Length == 0 ? null : cached;
        // Judging a helper runs the dataflow over it, which judges the helpers it calls: a helper that calls itself,
        // or a chain deeper than the summaries go, gets no verdict instead of recursing without end.
        var inProgress = t_staleGuardsInProgress ??= new List<(IMethodSymbol, int)>();
        if (inProgress.Count >= MaxDepth || inProgress.Any(k => KeyComparer.Equals(k, key))) return null;
        inProgress.Add(key);
        string found;
        try
        {
            found = ComputeStaleGuard(helper, carrierMask) ?? "";
        }
        finally
        {
            inProgress.RemoveAt(inProgress.Count - 1);
        }
        // Only a verdict reached from the top is kept: one cut short by the depth bound depends on the caller.
        if (inProgress.Count == 0) _staleGuards.TryAdd(key, found);
        return found.Length == 0 ? null : found;
    }

    [System.ThreadStatic]
    private static List<(IMethodSymbol, int)>? t_staleGuardsInProgress;

    private static readonly MethodKeyComparer KeyComparer = new();

    private string? ComputeStaleGuard(IMethodSymbol helper, int carrierMask)
    {
        var parameter = helper.Parameters.FirstOrDefault(p => p.Ordinal < 31 && (carrierMask & (1 << p.Ordinal)) != 0);
        if (parameter is null || Body(helper) is not { } body) return null;
        var root = body;
        while (root.Parent is not null) root = root.Parent;
        // Methods only: a local function's graph lives inside its container's graph.
        var graph = root switch
        {
            IMethodBodyOperation m => ControlFlowGraph.Create(m),
            IBlockOperation b => ControlFlowGraph.Create(b),
            _ => null,
        };
        if (graph is null) return null;
        var pseudo = new PollMethod(helper, parameter, graph, root.Syntax);
        var flow = new LostWakeupDataflow(pseudo, this);
        var guardSearch = new GuardSearchWork();
        try
        {
            return StaleGuard(graph, flow, guardSearch);
        }
        finally
        {
            RegistrationWork.Add(root.Syntax.SyntaxTree, flow.Work + guardSearch.Visits);
        }
    }

    // The helper's own guard: a later call (another task's waker) runs the helper without storing it.
    private static string? StaleGuard(ControlFlowGraph graph, LostWakeupDataflow flow, GuardSearchWork guardSearch)
    {
        var first = flow.Run(null, scenario: false);
        if (!first.Completed || RegistrationGuards.Find(graph, first, flow.Evaluator, guardSearch) is not { } guards) return null;
        var normal = flow.Run(guards, scenario: false);
        if (!normal.Completed || normal.ExitUnregistered) return null;
        var later = flow.Run(guards, scenario: true);
        if (!later.Completed || !later.ExitUnregistered) return null;
        var guard = guards.All.FirstOrDefault(g => g.GuardedStores.Any(st => !later.Registrations.Contains(st.Operation)));
        return guard is null ? null : RegistrationGuards.Describe(guard);
    }

    /// <summary>The semantic model of a tree of this compilation (cached).</summary>
    public SemanticModel Model(SyntaxTree tree) =>
        // RS1030: a helper's body may sit in another tree than the one being analyzed; the model is cached per tree.
#pragma warning disable RS1030
        _models.GetOrAdd(tree, t => _compilation.GetSemanticModel(t));
#pragma warning restore RS1030

    private HelperSummary Get(IMethodSymbol method, int carrierMask, int depth, HashSet<(IMethodSymbol, int)> visiting)
    {
        method = method.OriginalDefinition;
        if (carrierMask == 0) return HelperSummary.Nothing;
        if (!RegistrationCallees.HasReadableBody(method)) return HelperSummary.BenefitOfDoubt;
        var key = (method, carrierMask);
        if (_cache.TryGetValue(key, out var cached)) return cached;
        if (depth >= MaxDepth) return HelperSummary.BenefitOfDoubt;
        if (!visiting.Add(key)) return HelperSummary.Nothing; // a cycle: the rest of the cycle decides
        var body = Body(method);
        if (body is null) return HelperSummary.BenefitOfDoubt;
        var seeds = new List<ISymbol>();
        for (var i = 0; i < method.Parameters.Length && i < 31; i++)
        {
            if ((carrierMask & (1 << i)) != 0) seeds.Add(method.Parameters[i]);
        }
        var summary = Summarize(new[] { body }, seeds, method.MethodKind == MethodKind.Constructor, depth, visiting);
        visiting.Remove(key);
        _cache.TryAdd(key, summary);
        return summary;
    }

    /// <summary>Summary of a local function with captured waker locals (not cached: the captures differ per call site).</summary>
    public HelperSummary GetWithCaptures(IMethodSymbol localFunction, int carrierMask, IEnumerable<ISymbol> capturedCarriers)
    {
        var body = Body(localFunction.OriginalDefinition);
        if (body is null) return HelperSummary.BenefitOfDoubt;
        var seeds = new List<ISymbol>(capturedCarriers);
        for (var i = 0; i < localFunction.Parameters.Length && i < 31; i++)
        {
            if ((carrierMask & (1 << i)) != 0) seeds.Add(localFunction.Parameters[i]);
        }
        return Summarize(new[] { body }, seeds, false, 1, new HashSet<(IMethodSymbol, int)>());
    }

    /// <summary>The body operation of a method of this compilation, or null.</summary>
    public IOperation? Body(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax();
            SyntaxNode? bodySyntax = syntax switch
            {
                BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                LocalFunctionStatementSyntax l => (SyntaxNode?)l.Body ?? l.ExpressionBody,
                AccessorDeclarationSyntax a => (SyntaxNode?)a.Body ?? a.ExpressionBody,
                ArrowExpressionClauseSyntax arrow => arrow,
                _ => null,
            };
            if (bodySyntax is null) continue;
            var model = Model(syntax.SyntaxTree);
            var op = model.GetOperation(syntax);
            if (op is not null) return op;
            op = model.GetOperation(bodySyntax);
            if (op is not null) return op;
        }
        return null;
    }

    private HelperSummary Summarize(IOperation[] roots, List<ISymbol> seeds, bool isConstructor, int depth, HashSet<(IMethodSymbol, int)> visiting)
    {
        var carriers = new HashSet<ISymbol>(seeds, SymbolEqualityComparer.Default);
        var all = roots.SelectMany(r => r.DescendantsAndSelf()).ToList();
        // Waker-carrying locals, flow-insensitively (copies, wrappers, lambdas capturing it).
        for (var round = 0; round < 4; round++)
        {
            var added = false;
            foreach (var op in all)
            {
                switch (op)
                {
                    case IVariableDeclaratorOperation d when d.Initializer is { } init && IsCarrier(init.Value, carriers):
                        added |= carriers.Add(d.Symbol);
                        break;
                    case ISimpleAssignmentOperation a when a.Target is ILocalReferenceOperation l && IsCarrier(a.Value, carriers):
                        added |= carriers.Add(l.Local);
                        break;
                }
            }
            if (!added) break;
        }
        var keeps = false;
        var stores = false;
        var fields = ImmutableArray.CreateBuilder<string>();
        foreach (var op in all)
        {
            switch (op)
            {
                case ISimpleAssignmentOperation a when a.Target is not ILocalReferenceOperation && IsCarrier(a.Value, carriers):
                    if (a.Target is IParameterReferenceOperation { Parameter.RefKind: RefKind.None }) break;
                    if (isConstructor && a.Target is IFieldReferenceOperation { Instance: IInstanceReferenceOperation } or IPropertyReferenceOperation { Instance: IInstanceReferenceOperation }) break;
                    keeps = stores = true;
                    if (a.Target is IFieldReferenceOperation { Instance: IInstanceReferenceOperation or null } f) fields.Add("this." + f.Field.Name);
                    if (a.Target is IPropertyReferenceOperation { Instance: IInstanceReferenceOperation or null } p) fields.Add("this." + p.Property.Name);
                    break;
                case IEventAssignmentOperation e when IsCarrier(e.HandlerValue, carriers):
                    keeps = stores = true;
                    break;
                case IInvocationOperation inv:
                    SummarizeCall(inv, carriers, depth, visiting, ref keeps, ref stores, fields);
                    break;
                case IObjectCreationOperation create when create.Arguments.Any(a => IsCarrier(a.Value, carriers))
                    && create.Constructor is { } ctor && !RegistrationCallees.IsNonKeepingConstruction(create.Type, _symbols):
                    if (RegistrationCallees.HasReadableBody(ctor))
                    {
                        var s = Get(ctor, Mask(create.Arguments, carriers), depth + 1, visiting);
                        keeps |= s.Keeps;
                        stores |= s.Stores;
                    }
                    else
                    {
                        keeps = stores = true;
                    }
                    break;
            }
        }
        return new HelperSummary(keeps, stores, fields.ToImmutable());
    }

    private void SummarizeCall(IInvocationOperation inv, HashSet<ISymbol> carriers, int depth, HashSet<(IMethodSymbol, int)> visiting,
        ref bool keeps, ref bool stores, ImmutableArray<string>.Builder fields)
    {
        var target = inv.TargetMethod;
        if (inv.Instance is { } instance && IsCarrier(instance, carriers) && RegistrationCallees.IsWakeCall(target))
        {
            keeps = true;
            return;
        }
        var mask = Mask(inv.Arguments, carriers);
        if (mask == 0) return;
        if (_symbols.IsPollMethod(target))
        {
            keeps = true; // an inner poll with this Context registers it
            return;
        }
        if (RegistrationCallees.IsKnownNonKeeping(target)) return;
        if (target.MethodKind == MethodKind.LocalFunction || RegistrationCallees.HasReadableBody(target))
        {
            var s = Get(target, mask, depth + 1, visiting);
            keeps |= s.Keeps;
            stores |= s.Stores;
            if (inv.Instance is null or IInstanceReferenceOperation) fields.AddRange(s.StoredFields);
            return;
        }
        keeps = stores = true;
    }

    private static int Mask(ImmutableArray<IArgumentOperation> arguments, HashSet<ISymbol> carriers)
    {
        var mask = 0;
        foreach (var a in arguments)
        {
            if (a.Parameter is { } p && p.Ordinal < 31 && IsCarrier(a.Value, carriers)) mask |= 1 << p.Ordinal;
        }
        return mask;
    }

    /// <summary>Whether an expression holds the waker: a carrier symbol, its <c>.Waker</c>, or something built around it.</summary>
    public static bool IsCarrier(IOperation? op, HashSet<ISymbol> carriers)
    {
        switch (op)
        {
            case null:
                return false;
            case IConversionOperation c:
                return IsCarrier(c.Operand, carriers);
            case IParenthesizedOperation p:
                return IsCarrier(p.Operand, carriers);
            case ILocalReferenceOperation l:
                return carriers.Contains(l.Local);
            case IParameterReferenceOperation p:
                return carriers.Contains(p.Parameter);
            case IPropertyReferenceOperation { Property.Name: "Waker" } w:
                return IsCarrier(w.Instance, carriers);
            case IObjectCreationOperation create:
                return create.Arguments.Any(a => IsCarrier(a.Value, carriers)) || (create.Initializer is { } init && IsCarrier(init, carriers));
            case IObjectOrCollectionInitializerOperation initializer:
                return initializer.Initializers.Any(i => IsCarrier(i, carriers));
            case ISimpleAssignmentOperation a:
                return IsCarrier(a.Value, carriers);
            case IDelegateCreationOperation d:
                return IsCarrier(d.Target, carriers);
            case IAnonymousFunctionOperation f:
                return f.Body.Descendants().Any(d => d is ILocalReferenceOperation l && carriers.Contains(l.Local)
                    || d is IParameterReferenceOperation p && carriers.Contains(p.Parameter));
            case IMethodReferenceOperation m:
                return IsCarrier(m.Instance, carriers);
            case IConditionalOperation c:
                return IsCarrier(c.WhenTrue, carriers) || IsCarrier(c.WhenFalse, carriers);
            case ICoalesceOperation c:
                return IsCarrier(c.Value, carriers) || IsCarrier(c.WhenNull, carriers);
            case IArrayCreationOperation a:
                return a.Initializer is { } ai && ai.ElementValues.Any(e => IsCarrier(e, carriers));
            case ITupleOperation t:
                return t.Elements.Any(e => IsCarrier(e, carriers));
            case IInvocationOperation inv:
                return !inv.TargetMethod.ReturnsVoid && inv.TargetMethod.ReturnType.IsReferenceType
                    && !RegistrationCallees.IsKnownNonKeeping(inv.TargetMethod)
                    && inv.Arguments.Any(a => IsCarrier(a.Value, carriers));
            default:
                return false;
        }
    }

    private sealed class MethodKeyComparer : IEqualityComparer<(IMethodSymbol, int)>
    {
        public bool Equals((IMethodSymbol, int) x, (IMethodSymbol, int) y) =>
            x.Item2 == y.Item2 && SymbolEqualityComparer.Default.Equals(x.Item1, y.Item1);

        public int GetHashCode((IMethodSymbol, int) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Item1) * 31 + obj.Item2;
    }
}
