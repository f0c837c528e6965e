using System.Collections.Generic;
using System.Collections.Immutable;
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
    public static PollFacts Collect(PollMethod poll, IMethodSymbol member, WakersSymbols symbols, INamedTypeSymbol type, System.Threading.CancellationToken cancellation)
    {
        var work = new WorkCount();
        var graph = poll.Graph;
        var root = graph.OriginalOperation;
        var facts = new PollFacts(poll.Symbol, member, new List<LockRegion>());
        var blocks = graph.Blocks;
        // Nested poll lambdas have facts of their own: walking them from every enclosing poll was quadratic in the nesting.
        var own = OperationsOutsideNestedPolls(root, symbols);
        var finder = new StoreFinder(root, symbols, type, operations: own);
        foreach (var op in own)
        {
            work.Units++;
            if (op is IInvocationOperation call && finder.IsOfType(call.TargetMethod.ContainingType)) facts.Calls.Add(call.TargetMethod.OriginalDefinition);
        }
        var found = finder.Find(root);
        // A poll that stores no waker gives the type rules nothing to judge: skip its graph (it may be huge).
        if (found.Count == 0)
        {
            TypeModelWork.Add(root.Syntax.SyntaxTree, work.Units + finder.Work);
            return facts;
        }

        facts.Regions = LockRegions.Collect(root, symbols);
        var definitions = new Definitions(blocks, symbols, ref work);
        var ready = definitions.Ready;
        var reachesReady = Backward(blocks, ready, ref work);
        var straight = new ReadyStraight(ready);
        var collector = new ReadCollector(definitions, symbols, finder);

        for (var i = 0; i < blocks.Length; i++)
        {
            work.Units++;
            // A huge poll holds the IDE's thread for seconds: stop soon after the analysis is cancelled (nothing is cached half-made).
            if ((i & 63) == 0) cancellation.ThrowIfCancellationRequested();
            var b = blocks[i];
            if (b.ConditionalSuccessor is null || b.BranchValue is null) continue;
            var whenTrue = b.ConditionKind == ControlFlowConditionKind.WhenTrue ? b.ConditionalSuccessor : b.FallThroughSuccessor;
            var whenFalse = b.ConditionKind == ControlFlowConditionKind.WhenTrue ? b.FallThroughSuccessor : b.ConditionalSuccessor;
            var trueReady = whenTrue?.Destination is { } t && reachesReady[t.Ordinal];
            var falseReady = whenFalse?.Destination is { } f && reachesReady[f.Ordinal];
            if (!trueReady && !falseReady) continue;
            var members = collector.Collect(b.BranchValue, i, b.Operations.Length);
            facts.ConditionReads.UnionWith(members);
            ISymbol? compared = null;
            if (TestedComparison(b.BranchValue, definitions, out var cmpMember, out var op, out var constant))
            {
                var trueDirect = straight.From(whenTrue, ref work);
                var falseDirect = straight.From(whenFalse, ref work);
                if (trueDirect != falseDirect)
                {
                    compared = cmpMember;
                    if (!facts.ReadyComparisons.TryGetValue(cmpMember!, out var tests)) facts.ReadyComparisons[cmpMember!] = tests = new();
                    tests.Add((op, constant, trueDirect));
                }
            }
            else if (TestedBits(b.BranchValue, out var bitsMember, out var setWhenTrue))
            {
                var trueDirect = straight.From(whenTrue, ref work);
                var falseDirect = straight.From(whenFalse, ref work);
                if (trueDirect != falseDirect)
                {
                    compared = bitsMember;
                    if (!facts.ReadyBitTests.TryGetValue(bitsMember!, out var bitTests)) facts.ReadyBitTests[bitsMember!] = bitTests = new();
                    bitTests.Add(setWhenTrue == trueDirect);
                }
            }
            foreach (var m in members)
            {
                if (!SymbolEqualityComparer.Default.Equals(m, compared)) facts.OpaqueReads.Add(m);
            }
            if (TestedFlag(b.BranchValue, symbols, out var flag, out var negated))
            {
                // The branch that reaches Ready without another test decides; only when neither does, any path counts.
                var trueDirect = straight.From(whenTrue, ref work);
                var falseDirect = straight.From(whenFalse, ref work);
                if (trueDirect || falseDirect) { trueReady = trueDirect; falseReady = falseDirect; }
                if (!facts.ReadyWhen.TryGetValue(flag!, out var values)) facts.ReadyWhen[flag!] = values = new HashSet<bool>();
                if (trueReady) values.Add(!negated);
                if (falseReady) values.Add(negated);
            }
        }

        var reads = collector.Reads;
        var positions = reads.Count > 0 ? new OperationPositions(blocks, ref work) : null;
        var guards = new StoreGuards();
        var held = LockRegions.HeldSpans(facts.Regions, found.ConvertAll(f => f.Operation.Syntax), ref work);
        for (var k = 0; k < found.Count; k++)
        {
            work.Units++;
            var f = found[k];
            var node = f.Operation.Syntax;
            var store = new WakerStore(node, f.Carried, f.Slot, guards.IsGuarded(node, f.Slot), f.RegisteredOn)
            {
                Helper = f.Helper,
                HelperParameter = f.HelperParameter,
                Held = held[k],
            };
            if (positions?.Locate(node, ref work) is var (sb, si))
            {
                store.Block = sb;
                store.Index = si;
            }
            facts.Stores.Add(store);
        }
        if (reads.Count > 0) facts.Graph = new PollGraph(blocks, reads);
        TypeModelWork.Add(root.Syntax.SyntaxTree, work.Units + finder.Work + collector.Work + guards.Work + blocks.Length + reads.Count);
        return facts;
    }

    // The root's operations in document order, without the bodies of the lambdas and local functions that are poll methods themselves.
    private static List<IOperation> OperationsOutsideNestedPolls(IOperation root, WakersSymbols symbols)
    {
        var result = new List<IOperation>();
        var pending = new Stack<IOperation>();
        var children = new List<IOperation>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var op = pending.Pop();
            result.Add(op);
            var function = op switch
            {
                IAnonymousFunctionOperation f => f.Symbol,
                ILocalFunctionOperation l => l.Symbol,
                _ => null,
            };
            if (function is not null && op != root && symbols.IsPollMethod(function)) continue;
            children.Clear();
            children.AddRange(op.ChildOperations);
            for (var i = children.Count - 1; i >= 0; i--) pending.Push(children[i]);
        }
        return result;
    }

    // Blocks from which a block with a Ready return is reachable (those blocks included): one traversal.
    private static bool[] Backward(ImmutableArray<BasicBlock> blocks, bool[] targets, ref WorkCount work)
    {
        var seen = new bool[blocks.Length];
        var stack = new Stack<int>();
        for (var t = 0; t < targets.Length; t++)
        {
            if (targets[t]) stack.Push(t);
        }
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            work.Units++;
            if (seen[n]) continue;
            seen[n] = true;
            foreach (var p in blocks[n].Predecessors) stack.Push(p.Source.Ordinal);
        }
        return seen;
    }

    // Whether a branch reaches a Ready return without another test on the way, remembered per block.
    private sealed class ReadyStraight
    {
        private readonly bool[] _ready;
        private readonly sbyte[] _known;

        public ReadyStraight(bool[] ready)
        {
            _ready = ready;
            _known = new sbyte[ready.Length];
        }

        public bool From(ControlFlowBranch? branch, ref WorkCount work)
        {
            var path = new List<int>();
            var result = false;
            for (var next = branch?.Destination; next is not null; next = next.FallThroughSuccessor?.Destination)
            {
                work.Units++;
                var k = _known[next.Ordinal];
                if (k != 0) { result = k > 0; break; }
                // -2 marks "on this walk": a cycle of unconditional blocks never reaches Ready.
                _known[next.Ordinal] = -2;
                path.Add(next.Ordinal);
                if (_ready[next.Ordinal]) { result = true; break; }
                if (next.ConditionalSuccessor is not null) break;
            }
            foreach (var b in path) _known[b] = result ? (sbyte)1 : (sbyte)-1;
            return result;
        }
    }

    // The fields and properties conditions read, following flow captures (switches, ?:) and locals a few steps back.
    // A value is followed once however many conditions use it (at its shallowest depth): reads stay linear in the graph.
    private sealed class ReadCollector
    {
        private const int MaxDepth = 3;
        private readonly Definitions _definitions;
        private readonly WakersSymbols _symbols;
        private readonly StoreFinder _finder;
        private readonly Dictionary<object, (int Depth, HashSet<ISymbol> Members)> _followed = new();

        public ReadCollector(Definitions definitions, WakersSymbols symbols, StoreFinder finder)
        {
            _definitions = definitions;
            _symbols = symbols;
            _finder = finder;
        }

        public List<ConditionRead> Reads { get; } = new();
        public long Work { get; private set; }

        /// <summary>The members one condition reads (directly or through the values it uses).</summary>
        public HashSet<ISymbol> Collect(IOperation value, int block, int index)
        {
            var members = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            Collect(value, block, index, 0, members);
            return members;
        }

        private void Collect(IOperation value, int block, int index, int depth, HashSet<ISymbol> members)
        {
            var pending = new Stack<IOperation>();
            pending.Push(value);
            while (pending.Count > 0)
            {
                var op = pending.Pop();
                Work++;
                // Inner polls are never readiness reads: their subtrees are skipped whole.
                if (op is IInvocationOperation inner && _symbols.IsPollMethod(inner.TargetMethod)) continue;
                foreach (var child in op.ChildOperations) pending.Push(child);
                switch (op)
                {
                    case IFieldReferenceOperation f when !f.Field.IsConst:
                        Add(new ConditionRead(f.Field.OriginalDefinition, InstanceKey(f.Instance), op.Syntax, block, index), members);
                        break;
                    case IPropertyReferenceOperation p:
                        Add(new ConditionRead(p.Property.OriginalDefinition, InstanceKey(p.Instance), op.Syntax, block, index), members);
                        break;
                    case IInvocationOperation helper when helper.Instance is null or IInstanceReferenceOperation
                        && _finder.IsOfType(helper.TargetMethod.ContainingType) && !_symbols.IsPollMethod(helper.TargetMethod):
                        // `if (TryTake(out var v))`: the helper's reads are the condition's (expanded once the type is seen).
                        Add(new ConditionRead(helper.TargetMethod.OriginalDefinition, null, op.Syntax, block, index), members);
                        break;
                    case IFlowCaptureReferenceOperation capture:
                        Follow(capture.Id, _definitions.Of(capture.Id), depth, members);
                        break;
                    case ILocalReferenceOperation local:
                        Follow(local.Local, _definitions.Of(local.Local), depth, members);
                        break;
                }
            }
        }

        // A local or flow capture is followed once (again only when met at a shallower depth): conditions that use it share its members.
        private void Follow(object key, List<(int Block, int Index, IOperation Value)> definitions, int depth, HashSet<ISymbol> members)
        {
            if (depth + 1 > MaxDepth) return;
            Work++;
            if (_followed.TryGetValue(key, out var seen) && seen.Depth <= depth + 1)
            {
                members.UnionWith(seen.Members);
                return;
            }
            var own = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            _followed[key] = (depth + 1, own);
            foreach (var (b, i, v) in definitions)
            {
                Work++;
                Collect(v, b, i, depth + 1, own);
            }
            members.UnionWith(own);
        }

        private void Add(ConditionRead read, HashSet<ISymbol> members)
        {
            Reads.Add(read);
            members.Add(read.Member);
        }
    }

    // The smallest operation of the graph (a block's operation or branch value) that holds a node, found through the node's ancestors.
    private sealed class OperationPositions
    {
        private readonly Dictionary<SyntaxNode, (int Block, int Index)> _bySyntax = new();

        public OperationPositions(ImmutableArray<BasicBlock> blocks, ref WorkCount work)
        {
            for (var b = 0; b < blocks.Length; b++)
            {
                var ops = blocks[b].Operations;
                for (var i = 0; i <= ops.Length; i++)
                {
                    work.Units++;
                    var op = i < ops.Length ? ops[i] : blocks[b].BranchValue;
                    if (op is not null && !_bySyntax.ContainsKey(op.Syntax)) _bySyntax[op.Syntax] = (b, i);
                }
            }
        }

        public (int Block, int Index)? Locate(SyntaxNode node, ref WorkCount work)
        {
            for (var n = node; n is not null; n = n.Parent)
            {
                work.Units++;
                if (_bySyntax.TryGetValue(n, out var position)) return position;
            }
            return null;
        }
    }

    // Where each flow capture and local of the graph gets its value, and which blocks return Ready: one pass over the graph.
    private sealed class Definitions
    {
        private static readonly List<(int, int, IOperation)> None = new();
        private readonly Dictionary<CaptureId, List<(int, int, IOperation)>> _captures = new();
        private readonly Dictionary<ILocalSymbol, List<(int, int, IOperation)>> _locals = new(SymbolEqualityComparer.Default);

        public Definitions(ImmutableArray<BasicBlock> blocks, WakersSymbols symbols, ref WorkCount work)
        {
            Ready = new bool[blocks.Length];
            for (var b = 0; b < blocks.Length; b++)
            {
                var ops = blocks[b].Operations;
                for (var i = 0; i <= ops.Length; i++)
                {
                    var op = i < ops.Length ? ops[i] : blocks[b].BranchValue;
                    if (op is null) continue;
                    foreach (var o in LockRegions.Walk(op))
                    {
                        work.Units++;
                        if (o is IInvocationOperation { TargetMethod: { Name: "Ready", IsStatic: true } m } && symbols.IsPollType(m.ContainingType)) Ready[b] = true;
                        else if (i == ops.Length) continue;
                        else if (o is IFlowCaptureOperation c) Add(_captures, c.Id, (b, i, c.Value));
                        else if (o is ISimpleAssignmentOperation { Target: ILocalReferenceOperation t } a) Add(_locals, t.Local, (b, i, a.Value));
                    }
                }
            }
        }

        /// <summary>Per block: whether it builds a Ready result.</summary>
        public bool[] Ready { get; }

        public List<(int, int, IOperation)> Of(CaptureId id) => _captures.TryGetValue(id, out var list) ? list : None;
        public List<(int, int, IOperation)> Of(ILocalSymbol local) => _locals.TryGetValue(local, out var list) ? list : None;

        private static void Add<TKey>(Dictionary<TKey, List<(int, int, IOperation)>> map, TKey key, (int, int, IOperation) value) where TKey : notnull
        {
            if (!map.TryGetValue(key, out var list)) map[key] = list = new List<(int, int, IOperation)>();
            list.Add(value);
        }
    }

    private static ISymbol? InstanceKey(IOperation? instance) =>
        instance is null or IInstanceReferenceOperation ? null : LockRegions.KeyOf(instance);

    // `_count > 0`, `Volatile.Read(ref _n) >= 1`, `0 < _count`, `_state is State.Done`, a switch arm `State.Done =>`: a number
    // (or an enum member) compared with a constant.
    private static bool TestedComparison(IOperation value, Definitions definitions, out ISymbol? member, out BinaryOperatorKind op, out double constant)
    {
        member = null;
        op = default;
        constant = 0;
        while (value is IConversionOperation or IParenthesizedOperation) value = value is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)value).Operand;
        if (value is IIsPatternOperation isPattern) return TestedPattern(isPattern, definitions, out member, out op, out constant);
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

    // `(_flags & Bit) != 0`, `(Volatile.Read(ref _flags) & Bit) == 0`: a mask test of a member; whether its true side means "some bit set".
    private static bool TestedBits(IOperation value, out ISymbol? member, out bool setWhenTrue)
    {
        member = null;
        setWhenTrue = false;
        while (value is IConversionOperation or IParenthesizedOperation) value = value is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)value).Operand;
        if (value is not IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } test) return false;
        var masked = NumberOf(test.RightOperand) == 0 ? test.LeftOperand : NumberOf(test.LeftOperand) == 0 ? test.RightOperand : null;
        while (masked is IConversionOperation or IParenthesizedOperation) masked = masked is IConversionOperation c ? c.Operand : ((IParenthesizedOperation)masked).Operand;
        if (masked is not IBinaryOperation { OperatorKind: BinaryOperatorKind.And } and) return false;
        var mask = NumberOf(and.RightOperand) is { } r && r != 0 ? and.LeftOperand : NumberOf(and.LeftOperand) is { } l && l != 0 ? and.RightOperand : null;
        member = mask is null ? null : MemberOf(mask);
        setWhenTrue = test.OperatorKind == BinaryOperatorKind.NotEquals;
        return member is not null;
    }

    // `x is K`, `x is not K`, `x is > K`, where x is a member read directly or through the one flow capture a switch makes of it.
    private static bool TestedPattern(IIsPatternOperation test, Definitions definitions, out ISymbol? member, out BinaryOperatorKind op, out double constant)
    {
        member = null;
        op = BinaryOperatorKind.Equals;
        constant = 0;
        var pattern = test.Pattern;
        if (pattern is INegatedPatternOperation { Pattern: IConstantPatternOperation negated }) { op = BinaryOperatorKind.NotEquals; pattern = negated; }
        double? k = pattern switch
        {
            IConstantPatternOperation c => NumberOf(c.Value),
            IRelationalPatternOperation r => NumberOf(r.Value),
            _ => null,
        };
        if (k is null) return false;
        if (pattern is IRelationalPatternOperation relational)
        {
            op = relational.OperatorKind;
            if (op is not (BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual or BinaryOperatorKind.LessThan
                or BinaryOperatorKind.LessThanOrEqual)) return false;
        }
        var tested = test.Value;
        while (tested is IConversionOperation c2) tested = c2.Operand;
        if (tested is IFlowCaptureReferenceOperation capture && definitions.Of(capture.Id) is { Count: 1 } captured) tested = captured[0].Item3;
        member = MemberOf(tested);
        constant = k.Value;
        return member is not null;
    }

    internal static double? NumberOf(IOperation operand)
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
}
