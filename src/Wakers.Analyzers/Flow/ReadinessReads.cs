using System.Collections.Generic;
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
        var ready = new bool[blocks.Length];
        for (var i = 0; i < blocks.Length; i++) ready[i] = ContainsReady(blocks[i], symbols);
        var reach = Reachability(blocks);

        var finder = new StoreFinder(root, symbols, type);
        var reads = new List<ReadPoint>();
        for (var i = 0; i < blocks.Length; i++)
        {
            var b = blocks[i];
            if (b.ConditionalSuccessor is null || b.BranchValue is null) continue;
            var whenTrue = b.ConditionKind == ControlFlowConditionKind.WhenTrue ? b.ConditionalSuccessor : b.FallThroughSuccessor;
            var whenFalse = b.ConditionKind == ControlFlowConditionKind.WhenTrue ? b.FallThroughSuccessor : b.ConditionalSuccessor;
            var trueReady = ReadyAvoiding(whenTrue, i, blocks, ready);
            var falseReady = ReadyAvoiding(whenFalse, i, blocks, ready);
            if (!trueReady && !falseReady) continue;
            var before = reads.Count;
            CollectReads(b.BranchValue, i, b.Operations.Length, blocks, symbols, finder, reads, 0);
            for (var k = before; k < reads.Count; k++) facts.ConditionReads.Add(reads[k].Member);
            if (TestedFlag(b.BranchValue, symbols, out var flag, out var negated))
            {
                // The branch that reaches Ready without another test decides; only when neither does, any path counts.
                var trueDirect = ReadyStraight(whenTrue, blocks, ready);
                var falseDirect = ReadyStraight(whenFalse, blocks, ready);
                if (trueDirect || falseDirect) { trueReady = trueDirect; falseReady = falseDirect; }
                if (!facts.ReadyWhen.TryGetValue(flag!, out var values)) facts.ReadyWhen[flag!] = values = new HashSet<bool>();
                if (trueReady) values.Add(!negated);
                if (falseReady) values.Add(negated);
            }
        }

        foreach (var found in finder.Find(root))
        {
            var node = found.Operation.Syntax;
            var store = new WakerStore(node, found.Slot, StoreFinder.IsGuarded(node, found.Slot), found.RegisteredOn)
            {
                Helper = found.Helper,
                HelperParameter = found.HelperParameter,
            };
            if (Locate(blocks, node) is var (sb, si))
            {
                foreach (var r in reads)
                {
                    var held = LockRegions.OneRegionHolds(facts.Regions, r.Node, node);
                    if ((r.Block == sb && r.Index < si) || reach[r.Block].Contains(sb)) store.Before.Add(new ReadinessRead(r.Member, r.Instance, held, r.Node));
                    if ((r.Block == sb && r.Index > si) || reach[sb].Contains(r.Block)) store.After.Add(new ReadinessRead(r.Member, r.Instance, held, r.Node));
                }
            }
            facts.Stores.Add(store);
        }

        foreach (var op in LockRegions.Walk(root))
        {
            if (op is IInvocationOperation call && finder.IsOfType(call.TargetMethod.ContainingType)) facts.Calls.Add(call.TargetMethod.OriginalDefinition);
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

    private static HashSet<int>[] Reachability(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks)
    {
        var reach = new HashSet<int>[blocks.Length];
        for (var i = 0; i < blocks.Length; i++)
        {
            var seen = new HashSet<int>();
            var stack = new Stack<int>();
            Push(blocks[i], stack);
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                if (!seen.Add(n)) continue;
                Push(blocks[n], stack);
            }
            reach[i] = seen;
        }
        return reach;
    }

    private static void Push(BasicBlock b, Stack<int> stack)
    {
        if (b.FallThroughSuccessor?.Destination is { } f) stack.Push(f.Ordinal);
        if (b.ConditionalSuccessor?.Destination is { } c) stack.Push(c.Ordinal);
    }

    private static bool ReadyAvoiding(ControlFlowBranch? branch, int avoid, System.Collections.Immutable.ImmutableArray<BasicBlock> blocks, bool[] ready)
    {
        if (branch?.Destination is not { } start) return false;
        var seen = new HashSet<int> { avoid };
        var stack = new Stack<int>();
        stack.Push(start.Ordinal);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (!seen.Add(n)) continue;
            if (ready[n]) return true;
            Push(blocks[n], stack);
        }
        return false;
    }

    private static bool ReadyStraight(ControlFlowBranch? branch, System.Collections.Immutable.ImmutableArray<BasicBlock> blocks, bool[] ready)
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
    private static void CollectReads(IOperation value, int block, int index, System.Collections.Immutable.ImmutableArray<BasicBlock> blocks,
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
                    foreach (var (b, i, v) in Defining(blocks, o => o is IFlowCaptureOperation c && c.Id.Equals(capture.Id) ? c.Value : null))
                    {
                        CollectReads(v, b, i, blocks, symbols, finder, into, depth + 1);
                    }
                    break;
                case ILocalReferenceOperation local:
                    foreach (var (b, i, v) in Defining(blocks, o => o is ISimpleAssignmentOperation { Target: ILocalReferenceOperation t } a
                        && SymbolEqualityComparer.Default.Equals(t.Local, local.Local) ? a.Value : null))
                    {
                        CollectReads(v, b, i, blocks, symbols, finder, into, depth + 1);
                    }
                    break;
            }
        }
    }

    private static IEnumerable<(int Block, int Index, IOperation Value)> Defining(System.Collections.Immutable.ImmutableArray<BasicBlock> blocks,
        System.Func<IOperation, IOperation?> valueOf)
    {
        for (var b = 0; b < blocks.Length; b++)
        {
            var ops = blocks[b].Operations;
            for (var i = 0; i < ops.Length; i++)
            {
                foreach (var o in LockRegions.Walk(ops[i]))
                {
                    if (valueOf(o) is { } v) yield return (b, i, v);
                }
            }
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
