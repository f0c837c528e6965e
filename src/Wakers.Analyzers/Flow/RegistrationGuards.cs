using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>What a guard condition tests.</summary>
internal enum GuardTest
{
    /// <summary>The slot is null (<c>is null</c>, <c>== null</c>, <c>??=</c>).</summary>
    Empty,
    /// <summary>The stored waker against the new one (<c>WillWake</c>, <c>Equals</c>, <c>Contains</c>).</summary>
    Compare,
    /// <summary>A flag that is set together with the store.</summary>
    Flag,
}

/// <summary>A conditional block that tests the slot its guarded stores write (or a flag set with them).</summary>
internal sealed class RegistrationGuard
{
    private readonly Func<BasicBlock, int, HashSet<int>> _reach;
    private readonly IReadOnlyDictionary<int, List<StoreSite>> _storesByBlock;
    private readonly List<(BasicBlock Start, Func<StoreSite, bool> Matches)> _guardedReaches = new();
    private HashSet<StoreSite>? _guardedStores;

    public RegistrationGuard(int block, Func<BasicBlock, int, HashSet<int>> reach, IReadOnlyDictionary<int, List<StoreSite>> storesByBlock)
    {
        Block = block;
        _reach = reach;
        _storesByBlock = storesByBlock;
    }

    public int Block { get; }
    public HashSet<string> EmptySlots { get; } = new();
    public Dictionary<string, long> FlagValues { get; } = new();
    public HashSet<GuardTest> Tests { get; } = new();

    /// <summary>The stores the guard skips, in walk order; listed only when a report asks (a full walk per guard would be quadratic).</summary>
    public HashSet<StoreSite> GuardedStores => _guardedStores ??= ListGuardedStores();

    internal void AddGuardedReach(BasicBlock start, Func<StoreSite, bool> matches) => _guardedReaches.Add((start, matches));

    private HashSet<StoreSite> ListGuardedStores()
    {
        var result = new HashSet<StoreSite>();
        var reaches = new Dictionary<int, HashSet<int>>();
        foreach (var (start, matches) in _guardedReaches)
        {
            if (!reaches.TryGetValue(start.Ordinal, out var reach)) reaches[start.Ordinal] = reach = _reach(start, Block);
            foreach (var o in reach)
            {
                if (!_storesByBlock.TryGetValue(o, out var stores)) continue;
                foreach (var st in stores)
                {
                    if (matches(st)) result.Add(st);
                }
            }
        }
        return result;
    }
}

/// <summary>Visits of the guard search (its walks from each guard's branches), for <see cref="RegistrationWork"/>.</summary>
internal sealed class GuardSearchWork
{
    public long Visits;
}

/// <summary>
/// Stores guarded by a test of the same slot: for WAKE001 they count on both branches; for WAKE002 the guard's
/// condition is evaluated in the "later poll" scenario (the slot is filled, the flag is set, the stored waker
/// belongs to another task) to see whether the store is skipped.
/// </summary>
internal sealed class RegistrationGuards
{
    private readonly Dictionary<int, RegistrationGuard> _guards;

    private RegistrationGuards(Dictionary<int, RegistrationGuard> guards) => _guards = guards;

    public IEnumerable<RegistrationGuard> All => _guards.Values;

    public bool IsGuard(int block) => _guards.ContainsKey(block);

    /// <summary>The guards of a graph, given the stores a first run met; null when there is none.</summary>
    public static RegistrationGuards? Find(ControlFlowGraph graph, DataflowResult firstRun, RegistrationEvaluator evaluator, GuardSearchWork work)
    {
        if (firstRun.Stores.Count == 0) return null;
        var storesByBlock = firstRun.Stores.Values.GroupBy(s => s.Block).ToDictionary(g => g.Key, g => g.ToList());
        Dictionary<int, List<(string Slot, long Value)>>? flagsByBlock = null;
        HashSet<string>? flagSlots = null;
        var guards = new Dictionary<int, RegistrationGuard>();
        Func<BasicBlock, int, HashSet<int>> reach = (start, excluded) => Reach(graph, start, excluded, work);
        work.Visits += graph.Blocks.Length;
        foreach (var g in graph.Blocks)
        {
            if (g.ConditionKind == ControlFlowConditionKind.None || g.BranchValue is null) continue;
            var atoms = new List<(GuardTest Test, string Slot)>();
            CollectAtoms(g.BranchValue, evaluator, atoms, 0);
            if (atoms.Count == 0) continue;
            if (flagsByBlock is null && atoms.Any(a => a.Test == GuardTest.Flag)) (flagsByBlock, flagSlots) = FlagWrites(graph, evaluator);
            // Only an atom that some store or flag write of the whole graph can match needs the costlier reach below.
            atoms.RemoveAll(a => !CanMatch(a.Test, a.Slot, firstRun, flagSlots));
            if (atoms.Count == 0) continue;
            foreach (var successor in new[] { g.ConditionalSuccessor, g.FallThroughSuccessor })
            {
                if (successor?.Destination is not { } start) continue;
                var search = new AtomSearch(atoms, storesByBlock, flagsByBlock);
                Walk(graph, start, g.Ordinal, work, search.Visit);
                if (!search.AnyStore) continue;
                for (var i = 0; i < atoms.Count; i++)
                {
                    var (test, slot) = atoms[i];
                    if (test == GuardTest.Flag)
                    {
                        var value = search.FlagValue(i) ?? OwnFlagWrite(flagsByBlock, g.Ordinal, slot);
                        if (value is not { } v) continue;
                        var guard = Guard(guards, g.Ordinal, reach, storesByBlock);
                        guard.Tests.Add(test);
                        guard.FlagValues[slot] = v;
                        guard.AddGuardedReach(start, _ => true);
                    }
                    else
                    {
                        if (!search.Related(i)) continue;
                        var guard = Guard(guards, g.Ordinal, reach, storesByBlock);
                        guard.Tests.Add(test);
                        if (test == GuardTest.Empty) guard.EmptySlots.Add(slot);
                        var throughLocal = ThroughLocal(test, slot);
                        guard.AddGuardedReach(start, s => throughLocal || s.Slots.Any(k => StoreSlots.Related(k, slot)));
                    }
                }
            }
        }
        return guards.Count == 0 ? null : new RegistrationGuards(guards);
    }

    // A comparison through a local (`map.TryGetValue(id, out var w) && w.WillWake(cx.Waker)`) guards the stores it reaches.
    private static bool ThroughLocal(GuardTest test, string slot) => test == GuardTest.Compare && slot.StartsWith("local:", StringComparison.Ordinal);

    // The condition block's own flag write counts after every write its branch reaches.
    private static long? OwnFlagWrite(Dictionary<int, List<(string Slot, long Value)>>? flagsByBlock, int block, string slot)
    {
        if (flagsByBlock is null || !flagsByBlock.TryGetValue(block, out var own)) return null;
        foreach (var (s, v) in own)
        {
            if (s == slot) return v;
        }
        return null;
    }

    /// <summary>
    /// What one branch's walk must learn for the atoms: whether it meets a store, the first write of each flag (in the
    /// walk's order) and whether a store related to each slot is met. The walk stops once all is known, so a guard
    /// whose branch soon meets a store and its flag write costs a few visits, not the whole graph.
    /// </summary>
    private sealed class AtomSearch
    {
        private readonly List<(GuardTest Test, string Slot)> _atoms;
        private readonly Dictionary<int, List<StoreSite>> _storesByBlock;
        private readonly Dictionary<int, List<(string Slot, long Value)>>? _flagsByBlock;
        private readonly long?[] _flagValues;
        private readonly bool[] _related;
        private int _open;

        public AtomSearch(List<(GuardTest Test, string Slot)> atoms, Dictionary<int, List<StoreSite>> storesByBlock, Dictionary<int, List<(string Slot, long Value)>>? flagsByBlock)
        {
            _atoms = atoms;
            _storesByBlock = storesByBlock;
            _flagsByBlock = flagsByBlock;
            _flagValues = new long?[atoms.Count];
            _related = new bool[atoms.Count];
            _open = atoms.Count;
        }

        public bool AnyStore { get; private set; }

        public long? FlagValue(int atom) => _flagValues[atom];

        public bool Related(int atom) => _related[atom];

        /// <summary>Takes in a block the walk reached; false once nothing more is to be learned.</summary>
        public bool Visit(int block)
        {
            var stores = _storesByBlock.TryGetValue(block, out var s) ? s : null;
            if (stores is not null) AnyStore = true;
            var flags = _flagsByBlock is not null && _flagsByBlock.TryGetValue(block, out var f) ? f : null;
            for (var i = 0; i < _atoms.Count; i++)
            {
                var (test, slot) = _atoms[i];
                if (test == GuardTest.Flag)
                {
                    if (_flagValues[i] is not null || flags is null) continue;
                    foreach (var (fs, fv) in flags)
                    {
                        if (fs != slot) continue;
                        _flagValues[i] = fv;
                        _open--;
                        break;
                    }
                }
                else if (!_related[i] && stores is not null)
                {
                    var throughLocal = ThroughLocal(test, slot);
                    if (stores.Any(st => throughLocal || st.Slots.Any(k => StoreSlots.Related(k, slot))))
                    {
                        _related[i] = true;
                        _open--;
                    }
                }
            }
            return !(AnyStore && _open == 0);
        }
    }

    private static (Dictionary<int, List<(string Slot, long Value)>>, HashSet<string>) FlagWrites(ControlFlowGraph graph, RegistrationEvaluator evaluator)
    {
        var byBlock = new Dictionary<int, List<(string Slot, long Value)>>();
        var slots = new HashSet<string>();
        foreach (var b in graph.Blocks)
        {
            var flags = new List<(string, long)>();
            foreach (var op in b.Operations) CollectFlagWrites(op, evaluator, flags);
            if (b.BranchValue is { } bv) CollectFlagWrites(bv, evaluator, flags);
            if (flags.Count == 0) continue;
            byBlock[b.Ordinal] = flags;
            foreach (var (slot, _) in flags) slots.Add(slot);
        }
        return (byBlock, slots);
    }

    // Whether any store (or, for a flag, any constant write) of the graph could be guarded by the atom.
    private static bool CanMatch(GuardTest test, string slot, DataflowResult firstRun, HashSet<string>? flagSlots)
    {
        if (test == GuardTest.Flag) return flagSlots is not null && flagSlots.Contains(slot);
        if (test == GuardTest.Compare && slot.StartsWith("local:", StringComparison.Ordinal)) return true;
        foreach (var store in firstRun.Stores.Values)
        {
            foreach (var k in store.Slots)
            {
                if (StoreSlots.Related(k, slot)) return true;
            }
        }
        return false;
    }

    /// <summary>The guard's condition in the "later poll" scenario; null when it does not decide.</summary>
    public bool? ScenarioOutcome(int block, IOperation condition, RegistrationEvaluator evaluator)
    {
        if (!_guards.TryGetValue(block, out var guard)) return null;
        var v = Scenario(condition, guard, evaluator, 0);
        return v switch { 1L => true, 0L => false, _ => null };
    }

    /// <summary>A short description of the guard for the message ("the slot is empty", ...).</summary>
    public static string Describe(RegistrationGuard guard) =>
        guard.Tests.Contains(GuardTest.Flag) ? "the flag is unset"
        : guard.Tests.Contains(GuardTest.Empty) ? "the slot is empty"
        : "the stored waker wakes the same task";

    private static RegistrationGuard Guard(Dictionary<int, RegistrationGuard> guards, int ordinal, Func<BasicBlock, int, HashSet<int>> reach, IReadOnlyDictionary<int, List<StoreSite>> storesByBlock)
    {
        if (!guards.TryGetValue(ordinal, out var guard)) guards[ordinal] = guard = new RegistrationGuard(ordinal, reach, storesByBlock);
        return guard;
    }

    private static HashSet<int> Reach(ControlFlowGraph graph, BasicBlock start, int excluded, GuardSearchWork work)
    {
        var seen = new HashSet<int>();
        Walk(graph, start, excluded, work, o => { seen.Add(o); return true; });
        return seen;
    }

    // Depth first from start, never through excluded, in one fixed order (a flag's first write is the first in this order); stops when visit says so.
    private static void Walk(ControlFlowGraph graph, BasicBlock start, int excluded, GuardSearchWork work, Func<int, bool> visit)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<BasicBlock>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            var b = stack.Pop();
            work.Visits++;
            if (b.Ordinal == excluded || !seen.Add(b.Ordinal)) continue;
            if (!visit(b.Ordinal)) return;
            foreach (var next in new[] { b.ConditionalSuccessor, b.FallThroughSuccessor })
            {
                if (next?.Destination is { } d) stack.Push(d);
                if (next is not null)
                {
                    foreach (var f in next.FinallyRegions) stack.Push(graph.Blocks[f.FirstBlockOrdinal]);
                }
            }
        }
    }

    private static void CollectFlagWrites(IOperation root, RegistrationEvaluator evaluator, List<(string, long)> flags)
    {
        foreach (var op in root.DescendantsAndSelf())
        {
            switch (op)
            {
                case ISimpleAssignmentOperation a when Constant(a.Value) is { } c && StoreSlots.Key(a.Target, evaluator) is { } slot && !slot.StartsWith("local:", StringComparison.Ordinal):
                    flags.Add((slot, c));
                    break;
                case IInvocationOperation { TargetMethod.Name: "Exchange" or "Write" or "CompareExchange" } inv when inv.Arguments.Length >= 2
                    && inv.Arguments[0].Parameter?.RefKind == RefKind.Ref && Constant(inv.Arguments[1].Value) is { } v
                    && StoreSlots.Key(inv.Arguments[0].Value, evaluator) is { } target:
                    flags.Add((target, v));
                    break;
            }
        }
    }

    private static void CollectAtoms(IOperation? op, RegistrationEvaluator evaluator, List<(GuardTest, string)> atoms, int depth)
    {
        if (op is null || depth > 8) return;
        switch (op)
        {
            case IConversionOperation c:
                CollectAtoms(c.Operand, evaluator, atoms, depth + 1);
                return;
            case IParenthesizedOperation p:
                CollectAtoms(p.Operand, evaluator, atoms, depth + 1);
                return;
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                CollectAtoms(not.Operand, evaluator, atoms, depth + 1);
                return;
            case IFlowCaptureReferenceOperation r when evaluator.CaptureSource(r) is { } source:
                CollectAtoms(source, evaluator, atoms, depth + 1);
                return;
            case IIsNullOperation isNull:
                AddSlot(atoms, GuardTest.Empty, isNull.Operand, evaluator);
                return;
            case IIsPatternOperation isp:
                if (isp.Value.Type?.SpecialType == SpecialType.System_Boolean) AddSlot(atoms, GuardTest.Flag, isp.Value, evaluator);
                else AddSlot(atoms, GuardTest.Empty, isp.Value, evaluator);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } b:
                if (IsNullLiteral(b.RightOperand)) AddSlot(atoms, GuardTest.Empty, b.LeftOperand, evaluator);
                else if (IsNullLiteral(b.LeftOperand)) AddSlot(atoms, GuardTest.Empty, b.RightOperand, evaluator);
                else if (Constant(b.RightOperand) is not null) CollectAtoms(b.LeftOperand, evaluator, atoms, depth + 1);
                else if (Constant(b.LeftOperand) is not null) CollectAtoms(b.RightOperand, evaluator, atoms, depth + 1);
                else if (IsNewWaker(b.RightOperand)) AddSlot(atoms, GuardTest.Compare, b.LeftOperand, evaluator);
                else if (IsNewWaker(b.LeftOperand)) AddSlot(atoms, GuardTest.Compare, b.RightOperand, evaluator);
                return;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.And or BinaryOperatorKind.Or } logical:
                CollectAtoms(logical.LeftOperand, evaluator, atoms, depth + 1);
                CollectAtoms(logical.RightOperand, evaluator, atoms, depth + 1);
                return;
            case IInvocationOperation inv:
                switch (inv.TargetMethod.Name)
                {
                    case "WillWake" or "Equals" or "Contains" or "ContainsKey":
                        AddSlot(atoms, GuardTest.Compare, inv.Instance, evaluator);
                        foreach (var a in inv.Arguments) AddSlot(atoms, GuardTest.Compare, a.Value, evaluator);
                        return;
                    case "ReferenceEquals":
                        foreach (var a in inv.Arguments) AddSlot(atoms, GuardTest.Compare, a.Value, evaluator);
                        return;
                    case "Read" or "CompareExchange" when inv.Arguments.Length >= 1 && inv.Arguments[0].Parameter?.RefKind == RefKind.Ref:
                        AddSlot(atoms, GuardTest.Flag, inv.Arguments[0].Value, evaluator);
                        return;
                }
                return;
            case IFieldReferenceOperation or IPropertyReferenceOperation when IsFlagType(op.Type):
                AddSlot(atoms, GuardTest.Flag, op, evaluator);
                return;
        }
    }

    private static void AddSlot(List<(GuardTest, string)> atoms, GuardTest test, IOperation? op, RegistrationEvaluator evaluator)
    {
        if (IsNewWaker(op)) return;
        if (StoreSlots.Key(op, evaluator) is { } slot && !slot.StartsWith("param:", StringComparison.Ordinal)) atoms.Add((test, slot));
    }

    // cx.Waker (or a copy of it) on one side of a comparison: the waker of this poll.
    private static bool IsNewWaker(IOperation? op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        return op is IPropertyReferenceOperation { Property.Name: "Waker", Instance: IParameterReferenceOperation };
    }

    private static bool IsFlagType(ITypeSymbol? type) =>
        type is not null && (type.SpecialType is SpecialType.System_Boolean or SpecialType.System_Int32 or SpecialType.System_Int64 || type.TypeKind == TypeKind.Enum);

    private static bool IsNullLiteral(IOperation op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        return op.ConstantValue is { HasValue: true, Value: null };
    }

    private static long? Constant(IOperation? op)
    {
        while (op is IConversionOperation c) op = c.Operand;
        if (op?.ConstantValue is not { HasValue: true, Value: { } v }) return null;
        return v switch
        {
            bool b => b ? 1 : 0,
            int i => i,
            long l => l,
            byte by => by,
            short sh => sh,
            uint ui => ui,
            _ => null,
        };
    }

    // 1 = true, 0 = false, null = unknown; for flag reads, the flag's value.
    private static long? Scenario(IOperation? op, RegistrationGuard guard, RegistrationEvaluator evaluator, int depth)
    {
        if (op is null || depth > 8) return null;
        switch (op)
        {
            case IConversionOperation c:
                return Scenario(c.Operand, guard, evaluator, depth + 1);
            case IParenthesizedOperation p:
                return Scenario(p.Operand, guard, evaluator, depth + 1);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                return Scenario(not.Operand, guard, evaluator, depth + 1) is { } v ? (v == 0 ? 1 : 0) : null;
            case IFlowCaptureReferenceOperation r when evaluator.CaptureSource(r) is { } source:
                return Scenario(source, guard, evaluator, depth + 1);
            case IIsNullOperation isNull:
                return IsEmptySlot(isNull.Operand, guard, evaluator) ? 0 : null;
            case IIsPatternOperation isp:
                if (Scenario(isp.Value, guard, evaluator, depth + 1) is { } flag && isp.Pattern is IConstantPatternOperation { Value: var pv } && Constant(pv) is { } pc)
                {
                    return flag == pc ? 1 : 0;
                }
                if (!IsEmptySlot(isp.Value, guard, evaluator)) return null;
                return isp.Pattern switch
                {
                    IConstantPatternOperation cp when IsNullLiteral(cp.Value) => 0,
                    INegatedPatternOperation { Pattern: IConstantPatternOperation ncp } when IsNullLiteral(ncp.Value) => 1,
                    IRecursivePatternOperation or ITypePatternOperation or IDeclarationPatternOperation => 1,
                    _ => null,
                };
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } b:
            {
                var eq = b.OperatorKind == BinaryOperatorKind.Equals;
                long? result = null;
                if (IsNullLiteral(b.RightOperand) && IsEmptySlot(b.LeftOperand, guard, evaluator)) result = 0;
                else if (IsNullLiteral(b.LeftOperand) && IsEmptySlot(b.RightOperand, guard, evaluator)) result = 0;
                else if (Constant(b.RightOperand) is { } rc && Scenario(b.LeftOperand, guard, evaluator, depth + 1) is { } lv) result = lv == rc ? 1 : 0;
                else if (Constant(b.LeftOperand) is { } lc && Scenario(b.RightOperand, guard, evaluator, depth + 1) is { } rv) result = rv == lc ? 1 : 0;
                else if (IsNewWaker(b.LeftOperand) || IsNewWaker(b.RightOperand)) result = 0;
                return result is { } r ? (eq ? r : 1 - r) : null;
            }
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.And } and:
            {
                var l = Scenario(and.LeftOperand, guard, evaluator, depth + 1);
                var r = Scenario(and.RightOperand, guard, evaluator, depth + 1);
                return l == 0 || r == 0 ? 0 : l == 1 && r == 1 ? 1 : null;
            }
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr or BinaryOperatorKind.Or } or:
            {
                var l = Scenario(or.LeftOperand, guard, evaluator, depth + 1);
                var r = Scenario(or.RightOperand, guard, evaluator, depth + 1);
                return l == 1 || r == 1 ? 1 : l == 0 && r == 0 ? 0 : null;
            }
            case IInvocationOperation inv:
                switch (inv.TargetMethod.Name)
                {
                    case "WillWake" or "Equals" or "ReferenceEquals" or "Contains" or "ContainsKey":
                        return 0; // the stored waker belongs to another task
                    case "Read" or "CompareExchange" when inv.Arguments.Length >= 1 && inv.Arguments[0].Parameter?.RefKind == RefKind.Ref:
                        return FlagValue(inv.Arguments[0].Value, guard, evaluator);
                }
                return null;
            case IFieldReferenceOperation or IPropertyReferenceOperation:
                return FlagValue(op, guard, evaluator);
            default:
                return op.ConstantValue is { HasValue: true, Value: bool cb } ? (cb ? 1 : 0) : null;
        }
    }

    private static long? FlagValue(IOperation op, RegistrationGuard guard, RegistrationEvaluator evaluator) =>
        StoreSlots.Key(op, evaluator) is { } slot && guard.FlagValues.TryGetValue(slot, out var v) ? v : null;

    private static bool IsEmptySlot(IOperation op, RegistrationGuard guard, RegistrationEvaluator evaluator) =>
        StoreSlots.Key(op, evaluator) is { } slot && guard.EmptySlots.Contains(slot);
}
