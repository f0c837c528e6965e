using System;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Wakers.Analyzers.Flow;

/// <summary>Runs the type rules: one model per outermost type, built from its members' operation blocks, judged at the type's end.</summary>
internal static class TypeModelAnalysis
{
    public static void RegisterTypeModelAction(this CompilationStartAnalysisContext context, WakersSymbols symbols,
        Action<TypeModel, SymbolAnalysisContext> onType, Action<TypeModel, Func<Location, bool>, Action<Diagnostic>>? onCrossType = null)
    {
        var built = new ConcurrentBag<TypeModel>();
        context.RegisterSymbolStartAction(start =>
        {
            var type = (INamedTypeSymbol)start.Symbol;
            // Nested types (a SharedState, a waiter node) belong to the model of the type that holds them.
            if (type.ContainingType is not null) return;
            var builder = new TypeModelBuilder(type, symbols);
            start.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block.OwningSymbol, () => builder.Add(block)));
            start.RegisterSymbolEndAction(end => AnalyzerGuard.Run(type, () =>
            {
                // Every type rule's builder holds the same facts by now: the first to finish builds the model for all.
                var model = ModelCache.Type(end.Compilation, builder);
                if (model.Polls.Count > 0) onType(model, end);
                if (onCrossType is not null) built.Add(model);
            }));
        }, SymbolKind.NamedType);
        if (onCrossType is null) return;
        // Sender/receiver halves in separate classes meet on a shared object: judge the poll's type with the other halves.
        context.RegisterCompilationEndAction(end =>
        {
            foreach (var (model, judged) in ModelCache.CrossTypes(end.Compilation, () => CrossTypeModels.Build(built.ToList(), symbols)))
            {
                AnalyzerGuard.Run(model.Type, () => onCrossType(model, judged, end.ReportDiagnostic));
            }
        });
    }
}

/// <summary>
/// The type models of one compilation, built once and shared by the five type rules (their builders gather the same
/// facts); a rule judges a model while holding its lock, as the model fills its caches as it is asked.
/// </summary>
internal static class ModelCache
{
    private sealed class Models
    {
        public readonly ConcurrentDictionary<INamedTypeSymbol, TypeModel> Types = new(SymbolEqualityComparer.Default);
        public Lazy<List<(TypeModel, Func<Location, bool>)>>? CrossTypes;
    }

    private static readonly ConditionalWeakTable<Compilation, Models> Cache = new();

    public static TypeModel Type(Compilation compilation, TypeModelBuilder builder)
    {
        var types = Cache.GetValue(compilation, _ => new Models()).Types;
        // A model built from fewer blocks (an analysis of part of the compilation) is not reused: built again, it replaces it.
        if (types.TryGetValue(builder.Type, out var model) && builder.Matches(model)) return model;
        return types[builder.Type] = builder.Build();
    }

    public static List<(TypeModel Model, Func<Location, bool> Judged)> CrossTypes(Compilation compilation, Func<IEnumerable<(TypeModel, Func<Location, bool>)>> build)
    {
        var models = Cache.GetValue(compilation, _ => new Models());
        lock (models)
        {
            models.CrossTypes ??= new Lazy<List<(TypeModel, Func<Location, bool>)>>(() => build().ToList());
        }
        return models.CrossTypes.Value;
    }
}

/// <summary>Each operation block's facts, per compilation, shared by the type rules (read-only once made).</summary>
internal static class BlockFactsCache
{
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<ISymbol, (List<PollFacts>, MemberFacts?)>> Cache = new();

    public static (List<PollFacts>, MemberFacts?) GetOrAdd(Compilation compilation, ISymbol owner, Func<(List<PollFacts>, MemberFacts?)> create) =>
        Cache.GetValue(compilation, _ => new ConcurrentDictionary<ISymbol, (List<PollFacts>, MemberFacts?)>(SymbolEqualityComparer.Default))
            .GetOrAdd(owner, _ => create());
}

/// <summary>Gathers the facts of one type's members as their blocks are analyzed (possibly concurrently).</summary>
internal sealed class TypeModelBuilder
{
    private readonly INamedTypeSymbol _type;
    private readonly WakersSymbols _symbols;
    private readonly object _gate = new();
    private readonly List<PollFacts> _polls = new();
    private readonly Dictionary<IMethodSymbol, MemberFacts> _members = new(SymbolEqualityComparer.Default);

    public TypeModelBuilder(INamedTypeSymbol type, WakersSymbols symbols)
    {
        _type = type;
        _symbols = symbols;
    }

    public void Add(OperationBlockAnalysisContext block)
    {
        // The five type rules ask the same questions of the same blocks: compute each block's facts once per compilation.
        var (polls, facts) = BlockFactsCache.GetOrAdd(block.Compilation, block.OwningSymbol, () => Collect(block));
        lock (_gate)
        {
            _polls.AddRange(polls);
            if (facts is not null) _members[facts.Symbol.OriginalDefinition] = facts;
        }
    }

    private (List<PollFacts>, MemberFacts?) Collect(OperationBlockAnalysisContext block)
    {
        var owner = block.OwningSymbol as IMethodSymbol;
        var polls = new List<PollFacts>();
        var pollFunctions = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var poll in PollMethodDiscovery.Find(block, _symbols))
        {
            pollFunctions.Add(poll.Symbol);
            polls.Add(ReadinessReads.Collect(poll, owner ?? poll.Symbol, _symbols, _type, block.CancellationToken));
        }
        MemberFacts? facts = null;
        if (owner is not null)
        {
            var ownPoll = polls.Find(p => SymbolEqualityComparer.Default.Equals(p.Symbol, owner));
            var seen = new HashSet<IOperation>();
            foreach (var block0 in block.OperationBlocks)
            {
                // A block body hangs under its IMethodBodyOperation: analyze the whole tree once.
                var root = block0;
                while (root.Parent is not null) root = root.Parent;
                if (!seen.Add(root)) continue;
                // A poll method's own operations are its PollFacts': its member facts need no walk of their own.
                var light = ownPoll is null ? null : TypeModelMembers.CollectPollMember(owner, root, ownPoll, pollFunctions, facts);
                var regions = light is null ? LockRegions.Collect(root, _symbols) : null;
                facts = light ?? TypeModelMembers.Collect(owner, root, _symbols, _type, pollFunctions, regions!, facts);
            }
        }
        return (polls, facts);
    }

    public INamedTypeSymbol Type => _type;

    /// <summary>Whether <paramref name="model"/> was built from the same blocks' facts as this builder holds.</summary>
    public bool Matches(TypeModel model)
    {
        lock (_gate) return model.Polls.Count == _polls.Count && model.Members.Count == _members.Count;
    }

    public TypeModel Build()
    {
        lock (_gate)
        {
            return new TypeModel(_type, _symbols, _polls.ToList(), new Dictionary<IMethodSymbol, MemberFacts>(_members, SymbolEqualityComparer.Default));
        }
    }
}

/// <summary>One type's poll methods and other members, and the questions the type rules ask about them.</summary>
internal sealed class TypeModel
{
    private const int MaxHelperDepth = 4;
    private readonly WakersSymbols _symbols;
    private readonly HashSet<ISymbol> _writtenElsewhere = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<(IMethodSymbol, bool), HashSet<ISymbol>> _wakes = new();
    private readonly Dictionary<PollFacts, List<WakerStore>> _stores = new();
    private readonly Dictionary<WakerStore, ISymbol?> _helperSlots = new();
    private readonly Dictionary<PollFacts, HashSet<ISymbol>> _conditionReads = new();
    private readonly Dictionary<ISymbol, bool> _readiness = new(SymbolEqualityComparer.Default);
    private readonly Dictionary<PollFacts, StoreReadOrder?> _readOrders = new();
    private readonly Dictionary<PollFacts, long> _reportedWork = new();
    private Dictionary<IMethodSymbol, List<MemberFacts>>? _callers;

    public TypeModel(INamedTypeSymbol type, WakersSymbols symbols, List<PollFacts> polls, Dictionary<IMethodSymbol, MemberFacts> members)
    {
        Type = type;
        _symbols = symbols;
        Polls = polls;
        Members = members;
        foreach (var poll in polls)
        {
            _stores[poll] = ResolveHelperStores(poll);
            var reads = new HashSet<ISymbol>(poll.ConditionReads, SymbolEqualityComparer.Default);
            foreach (var read in poll.ConditionReads) reads.UnionWith(Expand(read));
            _conditionReads[poll] = reads;
        }
        PollHelpers = HelpersOf(polls);
        foreach (var poll in polls)
        {
            foreach (var s in StoresOf(poll))
            {
                if (SlotOf(s) is { } slot) AllSlots.Add(slot);
            }
        }
        foreach (var m in OtherMembers())
        {
            // A future's own Dispose (`_disposed = true`) publishes nothing: nobody waits on a disposed future.
            if (m.IsFutureDispose) continue;
            foreach (var w in m.Writes)
            {
                if (!w.InConstructorBody && !m.PollFunctions.Contains(w.Owner)) _writtenElsewhere.Add(w.Member);
            }
        }
    }

    public INamedTypeSymbol Type { get; }

    /// <summary>The token of the rule judging the model now (rules take turns under its lock); the model's traversals check it.</summary>
    public System.Threading.CancellationToken Cancellation { get; set; }

    public List<PollFacts> Polls { get; }
    public Dictionary<IMethodSymbol, MemberFacts> Members { get; }

    /// <summary>Methods every poll reaches through calls: they are part of the poll, not "other methods".</summary>
    public HashSet<IMethodSymbol> PollHelpers { get; }

    /// <summary>Every field or collection some poll method stores the waker in.</summary>
    public HashSet<ISymbol> AllSlots { get; } = new(SymbolEqualityComparer.Default);

    /// <summary>The members that are neither poll methods nor poll helpers.</summary>
    public IEnumerable<MemberFacts> OtherMembers()
    {
        foreach (var m in Members.Values)
        {
            if (_symbols.IsPollMethod(m.Symbol) || PollHelpers.Contains(m.Symbol.OriginalDefinition)) continue;
            yield return m;
        }
    }

    /// <summary>The poll's stores, without helper calls whose helper turned out not to store (it only logs).</summary>
    public List<WakerStore> StoresOf(PollFacts poll) => _stores[poll];

    /// <summary>Where a store puts the waker (for a helper call: where the helper does).</summary>
    public ISymbol? SlotOf(WakerStore store) => _helperSlots.TryGetValue(store, out var slot) ? slot : store.Slot;

    public HashSet<ISymbol> Slots(PollFacts poll)
    {
        var slots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var s in StoresOf(poll))
        {
            if (SlotOf(s) is { } slot) slots.Add(slot);
        }
        return slots;
    }

    /// <summary>Whether <paramref name="member"/>, read by a condition of a poll method, is readiness: state another method or thread writes.</summary>
    public bool IsReadiness(ISymbol member)
    {
        if (_readiness.TryGetValue(member, out var known)) return known;
        var result = false;
        foreach (var inner in Expand(member))
        {
            if (IsReadinessItself(inner)) { result = true; break; }
        }
        return _readiness[member] = result || IsReadinessItself(member);
    }

    /// <summary>Adds what the rules' questions about stores and reads cost to the poll methods' trees (<see cref="TypeModelWork"/>).</summary>
    public void ReportWork()
    {
        foreach (var pair in _readOrders)
        {
            if (pair.Value is not { } order) continue;
            var done = _reportedWork.TryGetValue(pair.Key, out var reported) ? reported : 0;
            TypeModelWork.Add(pair.Key.Symbol.Locations.Length > 0 ? pair.Key.Symbol.Locations[0].SourceTree : null, order.Work - done);
            _reportedWork[pair.Key] = order.Work;
        }
    }

    /// <summary>Where the poll's readiness reads lie around its stores; null when no condition leading to Ready reads state.</summary>
    public StoreReadOrder? ReadOrderOf(PollFacts poll)
    {
        if (_readOrders.TryGetValue(poll, out var order)) return order;
        order = poll.Graph is { } graph ? new StoreReadOrder(graph, member => IsReadiness(poll, member), () => Cancellation) : null;
        return _readOrders[poll] = order;
    }

    /// <summary>What a getter or helper of the type that a condition calls reads (two levels deep).</summary>
    public HashSet<ISymbol> Expand(ISymbol member)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<(ISymbol, int)>();
        pending.Push((member, 0));
        while (pending.Count > 0)
        {
            var (m, depth) = pending.Pop();
            var body = m switch
            {
                IPropertySymbol { GetMethod: { } get } => get.OriginalDefinition,
                IMethodSymbol method => method.OriginalDefinition,
                _ => null,
            };
            if (body is null || depth > 2 || !Members.TryGetValue(body, out var facts)) continue;
            foreach (var r in facts.Reads)
            {
                if (result.Add(r)) pending.Push((r, depth + 1));
            }
            foreach (var c in facts.Calls) pending.Push((c.Callee, depth + 1));
        }
        return result;
    }

    private bool IsReadinessItself(ISymbol member)
    {
        if (AllSlots.Contains(member)) return false;
        if (member is IFieldSymbol f && WakerHolders.Holds(f.Type, _symbols)) return false;
        if (member is IPropertySymbol p0 && WakerHolders.Holds(p0.Type, _symbols)) return false;
        if (_writtenElsewhere.Contains(member)) return true;
        switch (member)
        {
            case IFieldSymbol field:
                return !field.IsReadOnly && !field.IsConst && IsVisibleOutside(field);
            case IPropertySymbol property:
                if (!property.Locations.Any(l => l.IsInSource))
                {
                    // Task.IsCompleted, CancellationToken.IsCancellationRequested: state other threads change.
                    var ns = property.ContainingType?.ContainingNamespace?.ToDisplayString() ?? "";
                    return ns.StartsWith("System.Threading", StringComparison.Ordinal);
                }
                return property.SetMethod is { } set && set.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal
                    && !SymbolEqualityComparer.Default.Equals(property.ContainingType?.OriginalDefinition, Type);
            default:
                return false;
        }
    }

    public bool IsReadiness(PollFacts poll, ISymbol member) => _conditionReads[poll].Contains(member) && IsReadiness(member);

    /// <summary>Whether writing <paramref name="write"/> could make <paramref name="poll"/> ready.</summary>
    public bool CanPublish(PollFacts poll, StateWrite write)
    {
        if (write.Removes || write.Value == WrittenValue.Null) return false;
        // `_open = false` where the poll is ready only when `_open`, `_paused = true` where only `!_paused` leads on to Ready.
        if (write.Value is WrittenValue.False or WrittenValue.True && poll.ReadyWhen.TryGetValue(write.Member, out var values)
            && !values.Contains(write.Value == WrittenValue.True)) return false;
        // `_count = 0` where the poll is ready only when `_count > 0`: a reset, not a publish.
        if (write.Constant is { } c && !poll.OpaqueReads.Contains(write.Member) && poll.ReadyComparisons.TryGetValue(write.Member, out var tests))
        {
            var v = System.Convert.ToDouble(c, System.Globalization.CultureInfo.InvariantCulture);
            foreach (var (op, k, readyWhenTrue) in tests)
            {
                if (Holds(op, v, k) == readyWhenTrue) return true;
            }
            return false;
        }
        // `Interlocked.Decrement(ref _credits)` where the poll is ready only when `_credits > 0`, `_flags &= ~Bit` where only a set bit leads on.
        if (write.Direction != WriteDirection.Unknown && !poll.OpaqueReads.Contains(write.Member)) return CanEnter(poll, write);
        return true;
    }

    // Whether some readiness test of the written member can become true by moving it the write's one way (true when none is modelled).
    private static bool CanEnter(PollFacts poll, StateWrite write)
    {
        var numeric = poll.ReadyComparisons.TryGetValue(write.Member, out var tests);
        var bits = poll.ReadyBitTests.TryGetValue(write.Member, out var bitTests);
        if (numeric == bits) return true;
        if (numeric) return tests!.Exists(t => WriteDirections.CanEnter(write.Direction, t.Op, t.ReadyWhenTrue));
        return bitTests!.Exists(readyWhenSet => WriteDirections.CanEnterBits(write.Direction, readyWhenSet));
    }

    private static bool Holds(Microsoft.CodeAnalysis.Operations.BinaryOperatorKind op, double v, double k) => op switch
    {
        Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.GreaterThan => v > k,
        Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.GreaterThanOrEqual => v >= k,
        Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.LessThan => v < k,
        Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.LessThanOrEqual => v <= k,
        Microsoft.CodeAnalysis.Operations.BinaryOperatorKind.Equals => v == k,
        _ => v != k,
    };

    /// <summary>The fields, collections and parameters whose wakers <paramref name="member"/> wakes or takes, through helpers of the type too.</summary>
    public HashSet<ISymbol> WakeOrigins(IMethodSymbol member, bool includePassOn = true) => WakeOrigins(member.OriginalDefinition, includePassOn, 0);

    /// <summary>What a call to a helper of the type wakes, mapped onto the caller's own fields and parameters.</summary>
    public HashSet<ISymbol> WakeOriginsOf(HelperCall call, bool includePassOn = true)
    {
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var s in WakeOrigins(call.Callee, includePassOn, 1))
        {
            if (s is IParameterSymbol p && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol?.OriginalDefinition, call.Callee)
                && p.Ordinal < call.ArgumentOrigins.Count)
            {
                result.UnionWith(call.ArgumentOrigins[p.Ordinal]);
            }
            else
            {
                result.Add(s);
            }
        }
        return result;
    }

    private HashSet<ISymbol> WakeOrigins(IMethodSymbol member, bool includePassOn, int depth)
    {
        if (_wakes.TryGetValue((member, includePassOn), out var cached)) return cached;
        var result = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        if (depth > MaxHelperDepth || !Members.TryGetValue(member, out var facts)) return result;
        _wakes[(member, includePassOn)] = result; // recursion guard: a cycle adds nothing new
        foreach (var e in facts.Effects)
        {
            if (e.Kind is WakerEffectKind.Wake or WakerEffectKind.Take || (includePassOn && e.Kind == WakerEffectKind.PassOn)) result.UnionWith(e.Origins);
        }
        foreach (var call in facts.Calls)
        {
            if (SymbolEqualityComparer.Default.Equals(call.Callee, member)) continue;
            foreach (var s in WakeOrigins(call.Callee, includePassOn, depth + 1))
            {
                if (s is IParameterSymbol p && SymbolEqualityComparer.Default.Equals(p.ContainingSymbol?.OriginalDefinition, call.Callee)
                    && p.Ordinal < call.ArgumentOrigins.Count) result.UnionWith(call.ArgumentOrigins[p.Ordinal]);
                else result.Add(s);
            }
        }
        return result;
    }

    /// <summary>The other members that call <paramref name="member"/>.</summary>
    public List<MemberFacts> CallersOf(IMethodSymbol member)
    {
        if (_callers is null)
        {
            // One pass over every call, not one per member asked about.
            _callers = new Dictionary<IMethodSymbol, List<MemberFacts>>(SymbolEqualityComparer.Default);
            foreach (var m in OtherMembers())
            {
                foreach (var c in m.Calls)
                {
                    if (!_callers.TryGetValue(c.Callee, out var list)) _callers[c.Callee] = list = new List<MemberFacts>();
                    if (list.Count == 0 || list[list.Count - 1] != m) list.Add(m);
                }
            }
        }
        return _callers.TryGetValue(member.OriginalDefinition, out var callers) ? callers : new List<MemberFacts>();
    }

    private List<WakerStore> ResolveHelperStores(PollFacts poll)
    {
        var stores = new List<WakerStore>();
        foreach (var store in poll.Stores)
        {
            if (store.Helper is null) stores.Add(store);
            else if (HelperStores(store.Helper, store.HelperParameter, 0, out var slot))
            {
                _helperSlots[store] = slot;
                stores.Add(store);
            }
        }
        return stores;
    }

    // Whether the helper stores (not merely logs) the waker it gets as parameter number `ordinal`, and where.
    private bool HelperStores(IMethodSymbol helper, int ordinal, int depth, out ISymbol? slot)
    {
        slot = null;
        if (depth > MaxHelperDepth) return false;
        if (!Members.TryGetValue(helper.OriginalDefinition, out var facts))
        {
            // No body here (abstract, partial without implementation): the benefit of the doubt.
            return helper.IsAbstract || helper.IsExtern;
        }
        foreach (var (parameter, s) in facts.StoredParameters)
        {
            if (parameter.Ordinal == ordinal && SymbolEqualityComparer.Default.Equals(parameter.ContainingSymbol?.OriginalDefinition, helper.OriginalDefinition))
            {
                slot = s;
                return true;
            }
        }
        foreach (var call in facts.Calls)
        {
            for (var k = 0; k < call.CarriedParameters.Count; k++)
            {
                if (call.CarriedParameters[k] is { } p && p.Ordinal == ordinal && HelperStores(call.Callee, k, depth + 1, out slot)) return true;
            }
        }
        return false;
    }

    private HashSet<IMethodSymbol> HelpersOf(List<PollFacts> polls)
    {
        var helpers = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<IMethodSymbol>();
        foreach (var p in polls)
        {
            foreach (var c in p.Calls) pending.Push(c);
        }
        while (pending.Count > 0)
        {
            var m = pending.Pop();
            if (_symbols.IsPollMethod(m) || !helpers.Add(m) || !Members.TryGetValue(m, out var facts)) continue;
            foreach (var c in facts.Calls) pending.Push(c.Callee);
        }
        return helpers;
    }

    private static bool IsVisibleOutside(ISymbol symbol) =>
        symbol.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal;
}
