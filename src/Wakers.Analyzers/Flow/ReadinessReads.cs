using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Reads one poll method's graph: which fields its conditions leading to a Ready return read, which bool values
/// lead to Ready, where it stores the waker, and for each store which of those reads come before and after it
/// on some path and whether one lock holds both.
/// </summary>
internal static class ReadinessReads
{
    private sealed class ReadPoint
    {
        public ReadPoint(ISymbol member, ISymbol? instance, SyntaxNode node, int block, int index)
        {
            Member = member;
            Instance = instance;
            Node = node;
            Block = block;
            Index = index;
        }

        public ISymbol Member { get; }
        public ISymbol? Instance { get; }
        public SyntaxNode Node { get; }
        public int Block { get; }
        public int Index { get; }
    }

    public static PollFacts Collect(PollMethod poll, IMethodSymbol member, WakersSymbols symbols, INamedTypeSymbol type)
    {
        var graph = poll.Graph;
        var root = graph.OriginalOperation;
        var facts = new PollFacts(poll.Symbol, member, LockRegions.Collect(root, symbols));
        var blocks = graph.Blocks;
        var finder = new StoreFinder(root, symbols, type);
        foreach (var op in LockRegions.Walk(root))
        {
            if (op is IInvocationOperation call && finder.IsOfType(call.TargetMethod.ContainingType)) facts.Calls.Add(call.TargetMethod.OriginalDefinition);
        }
        var found = finder.Find(root);
        // A poll that stores no waker gives the type rules nothing to judge: skip its graph (it may be huge).
        if (found.Count == 0) return facts;

        var ready = new bool[blocks.Length];
        for (var i = 0; i < blocks.Length; i++) ready[i] = ContainsReady(blocks[i], symbols);
        var reachesReady = Backward(blocks, Enumerable.Range(0, blocks.Length).Where(i => ready[i]), includeStart: true);
        var definitions = new Definitions(blocks);

        var reads = new List<ReadPoint>();
        for (var i = 0; i < blocks.Length; i++)
        {
            var b = blocks[i];
            if (b.ConditionalSuccessor is null || b.BranchValue is null) continue;
            var whenTrue = b.ConditionKind == ControlFlowConditionKind.WhenTrue ? b.ConditionalSuccessor : b.FallThroughSuccessor;
            var whenFalse = b.ConditionKind == ControlFlowConditionKind.WhenTrue ? b.FallThroughSuccessor : b.ConditionalSuccessor;
            var trueReady = whenTrue?.Destination is { } t && reachesReady.Contains(t.Ordinal);
            var falseReady = whenFalse?.Destination is { } f && reachesReady.Contains(f.Ordinal);
            if (!trueReady && !falseReady) continue;
            var before = reads.Count;
            CollectReads(b.BranchValue, i, b.Operations.Length, definitions, symbols, finder, reads, 0);
            for (var k = before; k < reads.Count; k++) facts.ConditionReads.Add(reads[k].Member);
            ISymbol? compared = null;
            if (TestedComparison(b.BranchValue, out var cmpMember, out var op, out var constant))
            {
                var trueDirect = ReadyStraight(whenTrue, ready);
                var falseDirect = ReadyStraight(whenFalse, ready);
                if (trueDirect != falseDirect)
                {
                    compared = cmpMember;
                    if (!facts.ReadyComparisons.TryGetValue(cmpMember!, out var tests)) facts.ReadyComparisons[cmpMember!] = tests = new();
                    tests.Add((op, constant, trueDirect));
                }
            }
            for (var k = before; k < reads.Count; k++)
            {
                if (!SymbolEqualityComparer.Default.Equals(reads[k].Member, compared)) facts.OpaqueReads.Add(reads[k].Member);
            }
            if (TestedFlag(b.BranchValue, symbols, out var flag, out var negated))
            {
                // The branch that reaches Ready without another test decides; only when neither does, any path counts.
                var trueDirect = ReadyStraight(whenTrue, ready);
                var falseDirect = ReadyStraight(whenFalse, ready);
                if (trueDirect || falseDirect) { trueReady = trueDirect; falseReady = falseDirect; }
                if (!facts.ReadyWhen.TryGetValue(flag!, out var values)) facts.ReadyWhen[flag!] = values = new HashSet<bool>();
                if (trueReady) values.Add(!negated);
                if (falseReady) values.Add(negated);
            }
        }

        foreach (var f in found)
        {
            var node = f.Operation.Syntax;
            var store = new WakerStore(node, f.Slot, StoreFinder.IsGuarded(node, f.Slot), f.RegisteredOn)
            {
                Helper = f.Helper,
                HelperParameter = f.HelperParameter,
            };
            if (reads.Count > 0 && Locate(blocks, node) is var (sb, si))
            {
                var after = Forward(blocks, sb);
                var beforeBlocks = Backward(blocks, new[] { sb }, includeStart: false);
                foreach (var r in reads)
                {
                    var held = LockRegions.OneRegionHolds(facts.Regions, r.Node, node);
                    if ((r.Block == sb && r.Index < si) || beforeBlocks.Contains(r.Block)) store.Before.Add(new ReadinessRead(r.Member, r.Instance, held, r.Node));
                    if ((r.Block == sb && r.Index > si) || after.Contains(r.Block)) store.After.Add(new ReadinessRead(r.Member, r.Instance, held, r.Node));
                }
            }
            facts.Stores.Add(store);
        }

        return facts;
    }

    private static bool ContainsReady(BasicBlock block, WakersSymbols symbols)
    {
        foreach (var op in block.Operations)
        {
            if (HasReady(op, symbols)) return true;
        }
        return block.BranchValue is { } v && HasReady(v, symbols);
    }

    private static bool HasReady(IOperation op, WakersSymbols symbols)
    {
        foreach (var o in LockRegions.Walk(op))
        {
            if (o is IInvocationOperation { TargetMethod: { Name: "Ready", IsStatic: true } m } && symbols.IsPollType(m.ContainingType)) return true;
        }
        return false;
    }

    // Blocks reachable from `start`'s successors (one edge or more).
    private static HashSet<int> Forward(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks, int start)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        Push(blocks[start], stack);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (seen.Add(n)) Push(blocks[n], stack);
        }
        return seen;
    }

    // Blocks from which one of `targets` is reachable (the targets themselves only when asked, or when on a cycle).
    private static HashSet<int> Backward(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks, IEnumerable<int> targets, bool includeStart)
    {
        var seen = new HashSet<int>();
        var stack = new Stack<int>();
        foreach (var t in targets)
        {
            if (includeStart) stack.Push(t);
            else foreach (var p in blocks[t].Predecessors) stack.Push(p.Source.Ordinal);
        }
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            foreach (var p in blocks[n].Predecessors) stack.Push(p.Source.Ordinal);
        }
        return seen;
    }

    private static void Push(BasicBlock b, Stack<int> stack)
    {
        if (b.FallThroughSuccessor?.Destination is { } f) stack.Push(f.Ordinal);
        if (b.ConditionalSuccessor?.Destination is { } c) stack.Push(c.Ordinal);
    }

    private static bool ReadyStraight(ControlFlowBranch? branch, bool[] ready)
    {
        var seen = new HashSet<int>();
        for (var next = branch?.Destination; next is not null && seen.Add(next.Ordinal); next = next.FallThroughSuccessor?.Destination)
        {
            if (ready[next.Ordinal]) return true;
            if (next.ConditionalSuccessor is not null) return false;
        }
        return false;
    }

    // The fields and properties a condition reads, following flow captures (switches, ?:) and locals one step back.
    private static void CollectReads(IOperation value, int block, int index, Definitions definitions,
        WakersSymbols symbols, StoreFinder finder, List<ReadPoint> into, int depth)
    {
        if (depth > 3) return;
        foreach (var op in LockRegions.Walk(value))
        {
            if (InsideInnerPoll(op, value, symbols)) continue;
            switch (op)
            {
                case IFieldReferenceOperation f when !f.Field.IsConst:
                    into.Add(new ReadPoint(f.Field.OriginalDefinition, InstanceKey(f.Instance), op.Syntax, block, index));
                    break;
                case IPropertyReferenceOperation p:
                    into.Add(new ReadPoint(p.Property.OriginalDefinition, InstanceKey(p.Instance), op.Syntax, block, index));
                    break;
                case IInvocationOperation helper when helper.Instance is null or IInstanceReferenceOperation
                    && finder.IsOfType(helper.TargetMethod.ContainingType) && !symbols.IsPollMethod(helper.TargetMethod):
                    // `if (TryTake(out var v))`: the helper's reads are the condition's (expanded once the type is seen).
                    into.Add(new ReadPoint(helper.TargetMethod.OriginalDefinition, null, op.Syntax, block, index));
                    break;
                case IFlowCaptureReferenceOperation capture:
                    foreach (var (b, i, v) in definitions.Of(capture.Id))
                    {
                        CollectReads(v, b, i, definitions, symbols, finder, into, depth + 1);
                    }
                    break;
                case ILocalReferenceOperation local:
                    foreach (var (b, i, v) in definitions.Of(local.Local))
                    {
                        CollectReads(v, b, i, definitions, symbols, finder, into, depth + 1);
                    }
                    break;
            }
        }
    }

    // Where each flow capture and local of the graph gets its value, gathered in one pass.
    private sealed class Definitions
    {
        private static readonly List<(int, int, IOperation)> None = new();
        private readonly Dictionary<CaptureId, List<(int, int, IOperation)>> _captures = new();
        private readonly Dictionary<ILocalSymbol, List<(int, int, IOperation)>> _locals = new(SymbolEqualityComparer.Default);

        public Definitions(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks)
        {
            for (var b = 0; b < blocks.Length; b++)
            {
                var ops = blocks[b].Operations;
                for (var i = 0; i < ops.Length; i++)
                {
                    foreach (var o in LockRegions.Walk(ops[i]))
                    {
                        if (o is IFlowCaptureOperation c) Add(_captures, c.Id, (b, i, c.Value));
                        else if (o is ISimpleAssignmentOperation { Target: ILocalReferenceOperation t } a) Add(_locals, t.Local, (b, i, a.Value));
                    }
                }
            }
        }

        public List<(int, int, IOperation)> Of(CaptureId id) => _captures.TryGetValue(id, out var list) ? list : None;
        public List<(int, int, IOperation)> Of(ILocalSymbol local) => _locals.TryGetValue(local, out var list) ? list : None;

        private static void Add<TKey>(Dictionary<TKey, List<(int, int, IOperation)>> map, TKey key, (int, int, IOperation) value) where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<(int, int, IOperation)>();
            list.Add(value);
        }
    }

    private static bool InsideInnerPoll(IOperation op, IOperation root, WakersSymbols symbols)
    {
        for (var o = op; o is not null && o != root.Parent; o = o.Parent)
        {
            if (o is IInvocationOperation call && symbols.IsPollMethod(call.TargetMethod)) return true;
            if (o == root) break;
        }
        return false;
    }

    private static ISymbol? InstanceKey(IOperation? instance) =>
        instance is null or IInstanceReferenceOperation ? null : LockRegions.KeyOf(instance);

    // `_count > 0`, `Volatile.Read(ref _n) >= 1`, `0 < _count`: a number compared with a constant.
    private static bool TestedComparison(IOperation value, out ISymbol? member, out BinaryOperatorKind op, out double constant)
    {
        member = null;
        op = default;
        constant = 0;
        while (value is IConversionOperation or IParenthesizedOperation) value = value is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)value).Operand;
        if (value is not IBinaryOperation binary) return false;
        op = binary.OperatorKind;
        if (op is not (BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan
            or BinaryOperatorKind.LessThanOrEqual or BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals)) return false;
        if (NumberOf(binary.RightOperand) is { } right && MemberOf(binary.LeftOperand) is { } left)
        {
            member = left;
            constant = right;
            return true;
        }
        if (NumberOf(binary.LeftOperand) is { } l && MemberOf(binary.RightOperand) is { } r)
        {
            member = r;
            constant = l;
            op = op switch
            {
                BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
                BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
                BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
                BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
                _ => op,
            };
            return true;
        }
        return false;
    }

    private static double? NumberOf(IOperation operand)
    {
        if (!operand.ConstantValue.HasValue || operand.ConstantValue.Value is null or bool or string or char) return null;
        try { return System.Convert.ToDouble(operand.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture); }
        catch (System.Exception e) when (e is System.FormatException or System.InvalidCastException or System.OverflowException) { return null; }
    }

    private static ISymbol? MemberOf(IOperation operand)
    {
        while (operand is IConversionOperation c) operand = c.Operand;
        if (operand is IInvocationOperation { TargetMethod.Name: "Read" } read && read.Arguments.Length == 1) operand = read.Arguments[0].Value;
        return operand switch
        {
            IFieldReferenceOperation f => f.Field.OriginalDefinition,
            IPropertyReferenceOperation { Arguments.Length: 0 } p => p.Property.OriginalDefinition,
            _ => null,
        };
    }

    // `_open`, `!_open`, `Volatile.Read(ref _open)`: the bool member a branch tests directly.
    private static bool TestedFlag(IOperation value, WakersSymbols symbols, out ISymbol? flag, out bool negated)
    {
        negated = false;
        flag = null;
        for (var depth = 0; depth < 6; depth++)
        {
            switch (value)
            {
                case IConversionOperation c: value = c.Operand; continue;
                case IParenthesizedOperation p: value = p.Operand; continue;
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not: negated = !negated; value = not.Operand; continue;
                case IInvocationOperation { TargetMethod.Name: "Read" } read when read.Arguments.Length == 1
                    && SymbolEqualityComparer.Default.Equals(read.TargetMethod.ContainingType, symbols.Volatile):
                    value = read.Arguments[0].Value;
                    continue;
                case IFieldReferenceOperation f when f.Type?.SpecialType == SpecialType.System_Boolean:
                    flag = f.Field.OriginalDefinition;
                    return true;
                case IPropertyReferenceOperation pr when pr.Type?.SpecialType == SpecialType.System_Boolean && pr.Property.Locations.Length > 0 && pr.Property.Locations[0].IsInSource:
                    flag = pr.Property.OriginalDefinition;
                    return true;
                default:
                    return false;
            }
        }
        return false;
    }

    private static (int Block, int Index)? Locate(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks, SyntaxNode node)
    {
        (int, int)? best = null;
        var bestLength = int.MaxValue;
        for (var b = 0; b < blocks.Length; b++)
        {
            var ops = blocks[b].Operations;
            for (var i = 0; i <= ops.Length; i++)
            {
                var op = i < ops.Length ? ops[i] : blocks[b].BranchValue;
                if (op is null || op.Syntax.SyntaxTree != node.SyntaxTree || !op.Syntax.Span.Contains(node.Span)) continue;
                if (op.Syntax.Span.Length < bestLength)
                {
                    best = (b, i);
                    bestLength = op.Syntax.Span.Length;
                }
            }
        }
        return best;
    }
}
