using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Which tasks are known completed at each block of a graph: a must-analysis (intersection at joins) over the
/// control-flow graph, fed by the branches of <c>IsCompleted</c>, <c>IsCompletedSuccessfully</c>, <c>IsFaulted</c>,
/// <c>IsCanceled</c>, <c>Status == TaskStatus.RanToCompletion</c> and <c>Wait(0)</c>, killed by assignments.
/// Tasks are named by keys: "F:_task", "L:t@12", "P:task", and member paths under them ("F:_tcs.Task").
/// </summary>
internal static class KnownCompletedTasks
{
    private const int MaxPathDepth = 4;

    /// <summary>The known-completed keys on entry to each reachable block; <paramref name="entry"/> holds what the caller knew.</summary>
    public static Dictionary<BasicBlock, HashSet<string>> Analyze(ControlFlowGraph graph, IEnumerable<string>? entry = null,
        IReadOnlyDictionary<string, string>? flags = null)
    {
        var captures = Captures(graph);
        var conditions = new Conditions(captures, flags ?? Empty);
        var into = new Dictionary<BasicBlock, HashSet<string>>();
        var outOf = new Dictionary<BasicBlock, HashSet<string>>();
        var blocks = graph.Blocks;
        for (var pass = 0; pass < blocks.Length + 2; pass++)
        {
            var changed = false;
            foreach (var block in blocks)
            {
                HashSet<string>? facts = null;
                if (block.Kind == BasicBlockKind.Entry)
                {
                    facts = entry is null ? new HashSet<string>() : new HashSet<string>(entry);
                }
                else
                {
                    foreach (var branch in block.Predecessors)
                    {
                        if (!outOf.TryGetValue(branch.Source, out var before)) continue; // not yet reached: the top of the lattice
                        var along = new HashSet<string>(before);
                        var source = branch.Source;
                        if (source.ConditionKind != ControlFlowConditionKind.None && source.BranchValue is { } condition)
                        {
                            var value = branch.IsConditionalSuccessor == (source.ConditionKind == ControlFlowConditionKind.WhenTrue);
                            AddFacts(condition, value, along, 0, conditions);
                        }
                        if (facts is null) facts = along;
                        else facts.IntersectWith(along);
                    }
                    // No analyzed predecessor: a catch or finally entry, or not reached yet; nothing is known there.
                    facts ??= new HashSet<string>();
                    if (block.Predecessors.IsEmpty && block.Kind != BasicBlockKind.Entry && !block.IsReachable) continue;
                }
                if (into.TryGetValue(block, out var old) && old.SetEquals(facts)) continue;
                into[block] = facts;
                var after = new HashSet<string>(facts);
                foreach (var op in block.Operations) Transfer(op, after);
                outOf[block] = after;
                changed = true;
            }
            if (!changed) break;
        }
        return into;
    }

    /// <summary>
    /// Applies one operation: an assignment forgets what was known of its target; a wait that returned
    /// (<c>t.Wait()</c>, <c>t.Result</c>, <c>GetResult()</c>) leaves its task completed.
    /// </summary>
    public static void Transfer(IOperation operation, HashSet<string> facts)
    {
        foreach (var op in operation.DescendantsAndSelf())
        {
            if (op is IAssignmentOperation assignment && facts.Count > 0 && Key(assignment.Target) is { } key)
            {
                facts.RemoveWhere(k => k == key || k.StartsWith(key + ".", System.StringComparison.Ordinal));
            }
            else if (BlockingCalls.Describe(op, ConfiguredBlockingMethods.Empty, out var task) is not null && !IsTimedWait(op))
            {
                // A timed wait returns whether it completed: that fact lives on its true branch (AddFacts).
                if (task is not null) AddKey(task, facts);
                foreach (var all in WaitedForAll(op)) AddKey(all, facts);
            }
        }
    }

    // t.Wait(timeout), Task.WaitAll(tasks, timeout): a bool that says whether the wait completed.
    private static bool IsTimedWait(IOperation op) =>
        op is IInvocationOperation { TargetMethod: { Name: "Wait" or "WaitAll", ReturnType.SpecialType: SpecialType.System_Boolean } };

    // The tasks of Task.WaitAll(a, b) or Task.WaitAll(new[] { a, b }, ...): each is completed once it returns.
    private static IEnumerable<IOperation> WaitedForAll(IOperation op)
    {
        if (op is not IInvocationOperation { TargetMethod: { IsStatic: true, Name: "WaitAll", ContainingType.Name: "Task" } } waitAll) yield break;
        foreach (var argument in waitAll.Arguments)
        {
            var value = FunctionOperations.Strip(argument.Value);
            // new[] { a, b }, or the params collection of WaitAll(a, b) (an array, or a span's collection expression).
            IEnumerable<IOperation> elements = value is IArrayCreationOperation { Initializer: { } tasks } ? tasks.ElementValues : value.ChildOperations;
            foreach (var element in elements)
            {
                if (FunctionOperations.Strip(element).Type is { Name: "Task" or "ValueTask" }) yield return element;
            }
        }
    }

    /// <summary>Whether the task (or awaiter) <paramref name="task"/> is known completed under <paramref name="facts"/>.</summary>
    public static bool IsKnownCompleted(IOperation? task, HashSet<string> facts) =>
        BlockingCalls.IsCompletedByConstruction(task) || (task is not null && Key(task) is { } key && facts.Contains(key));

    /// <summary>A stable name for a task expression: a field of this type, a local, a parameter, or a member path under one.</summary>
    public static string? Key(IOperation operation) => Key(operation, 0);

    private static string? Key(IOperation operation, int depth)
    {
        if (depth > MaxPathDepth) return null;
        var op = FunctionOperations.Strip(operation);
        switch (op)
        {
            case IFieldReferenceOperation field when field.Instance is null or IInstanceReferenceOperation:
                return "F:" + field.Field.Name;
            case IFieldReferenceOperation field:
                return Key(field.Instance!, depth + 1) is { } owner ? owner + "." + field.Field.Name : null;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property when property.Instance is null or IInstanceReferenceOperation:
                return "F:" + property.Property.Name;
            case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                return Key(property.Instance!, depth + 1) is { } holder ? holder + "." + property.Property.Name : null;
            case ILocalReferenceOperation local:
                return "L:" + local.Local.Name + "@" + (local.Local.Locations.Length > 0 ? local.Local.Locations[0].SourceSpan.Start : 0);
            case IParameterReferenceOperation parameter:
                return "P:" + parameter.Parameter.Name;
            case IInvocationOperation { TargetMethod.Name: "GetAwaiter" or "ConfigureAwait", Instance: { } awaited }:
                return Key(awaited, depth + 1); // an awaiter stands for its task
            default:
                return null;
        }
    }

    // What a condition having the value `value` says about tasks.
    private static void AddFacts(IOperation condition, bool value, HashSet<string> facts, int depth, Conditions captures)
    {
        if (depth > MaxPathDepth) return;
        var c = Resolve(condition, captures.Captures);
        switch (c)
        {
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                AddFacts(not.Operand, !value, facts, depth + 1, captures);
                break;
            case IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled", Instance: { } task }
                when value:
                AddKey(task, facts);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd } both when value:
                AddFacts(both.LeftOperand, true, facts, depth + 1, captures);
                AddFacts(both.RightOperand, true, facts, depth + 1, captures);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalOr } either when !value:
                AddFacts(either.LeftOperand, false, facts, depth + 1, captures);
                AddFacts(either.RightOperand, false, facts, depth + 1, captures);
                break;
            case IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } binary:
                var equals = binary.OperatorKind == BinaryOperatorKind.Equals;
                AddComparisonFacts(binary.LeftOperand, binary.RightOperand, equals, value, facts, depth, captures);
                AddComparisonFacts(binary.RightOperand, binary.LeftOperand, equals, value, facts, depth, captures);
                break;
            case IIsPatternOperation pattern:
                AddPatternFacts(pattern.Value, pattern.Pattern, value, facts, depth, captures);
                break;
            case IFieldReferenceOperation flag when value && Key(flag) is { } flagKey && captures.Flags.TryGetValue(flagKey, out var flagged):
                facts.Add(flagged); // a flag that only a continuation of the task sets
                break;
            case IInvocationOperation { TargetMethod.Name: "Read", Arguments.Length: 1 } read when value && read.TargetMethod.ContainingType.Name == "Volatile":
                AddFacts(read.Arguments[0].Value, true, facts, depth + 1, captures);
                break;
            case IPropertyReferenceOperation { Property: { IsIndexer: false, GetMethod: { } getter }, Instance: null or IInstanceReferenceOperation }
                when getter.ReturnType.SpecialType == SpecialType.System_Boolean:
                AddHelperFacts(BodyExpression(getter), value, facts, depth); // private bool Done => _task.IsCompleted;
                break;
            case IInvocationOperation { Arguments.Length: 0, Instance: null or IInstanceReferenceOperation } helper
                when helper.TargetMethod.ReturnType.SpecialType == SpecialType.System_Boolean:
                AddHelperFacts(BodyExpression(helper.TargetMethod), value, facts, depth);
                break;
            case IInvocationOperation { TargetMethod.Name: "Wait", Instance: { } waited } wait when value && wait.Arguments.Length > 0:
                AddKey(waited, facts); // Wait(timeout) returned true: the task completed
                break;
            case IInvocationOperation { TargetMethod.Name: "WaitAll" } waitAll when value:
                foreach (var all in WaitedForAll(waitAll)) AddKey(all, facts); // WaitAll(tasks, timeout) returned true
                break;
        }
    }

    private static void AddComparisonFacts(IOperation subject, IOperation other, bool equals, bool value, HashSet<string> facts, int depth, Conditions captures)
    {
        var o = Resolve(other, captures.Captures);
        if (o.ConstantValue is { HasValue: true, Value: bool b })
        {
            AddFacts(subject, equals == value ? b : !b, facts, depth + 1, captures);
            return;
        }
        if (equals == value && IsCompletedStatus(o) && Resolve(subject, captures.Captures) is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } task })
        {
            AddKey(task, facts);
        }
    }

    private static void AddPatternFacts(IOperation subject, IPatternOperation pattern, bool value, HashSet<string> facts, int depth,
        Conditions captures)
    {
        if (depth > MaxPathDepth) return;
        subject = Resolve(subject, captures.Captures);
        if (pattern is INegatedPatternOperation negated)
        {
            AddPatternFacts(subject, negated.Pattern, !value, facts, depth + 1, captures);
            return;
        }
        if (pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: bool b } })
        {
            AddFacts(subject, value ? b : !b, facts, depth + 1, captures); // `x is true`, `x is false`, a switch arm `true =>`
            return;
        }
        if (!value) return;
        switch (pattern)
        {
            case IConstantPatternOperation constant
                when IsCompletedStatus(FunctionOperations.Strip(constant.Value))
                     && FunctionOperations.Strip(subject) is IPropertyReferenceOperation { Property.Name: "Status", Instance: { } task }:
                AddKey(task, facts);
                break;
            case IRecursivePatternOperation recursive:
                foreach (var sub in recursive.PropertySubpatterns)
                {
                    if (sub.Member is IPropertyReferenceOperation { Property.Name: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" }
                        && sub.Pattern is IConstantPatternOperation { Value.ConstantValue: { HasValue: true, Value: true } })
                    {
                        AddKey(subject, facts);
                    }
                }
                break;
        }
    }

    private static readonly Dictionary<string, string> Empty = new();

    // The expression a one-line member of this compilation returns (`=> expr`, or `{ return expr; }`), by syntax.
    private static ExpressionSyntax? BodyExpression(IMethodSymbol method)
    {
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax())
            {
                case ArrowExpressionClauseSyntax arrow:
                    return arrow.Expression;
                case MethodDeclarationSyntax { ExpressionBody: { } body }:
                    return body.Expression;
                case MethodDeclarationSyntax { Body: { } methodBody } when SingleReturn(methodBody) is { } returned:
                    return returned;
                case AccessorDeclarationSyntax { ExpressionBody: { } accessorBody }:
                    return accessorBody.Expression;
                case AccessorDeclarationSyntax { Body: { } accessorBlock } when SingleReturn(accessorBlock) is { } accessorReturned:
                    return accessorReturned;
            }
        }
        return null;
    }

    private static ExpressionSyntax? SingleReturn(BlockSyntax block) =>
        block.Statements.Count == 1 && block.Statements[0] is ReturnStatementSyntax { Expression: { } returned } ? returned : null;

    // `_task.IsCompleted`, `!_task.IsCompleted`, `a && b` in a helper's body: the fields it names, by syntax.
    private static void AddHelperFacts(ExpressionSyntax? expression, bool value, HashSet<string> facts, int depth)
    {
        if (expression is null || depth > MaxPathDepth) return;
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                AddHelperFacts(parenthesized.Expression, value, facts, depth + 1);
                break;
            case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                AddHelperFacts(not.Operand, !value, facts, depth + 1);
                break;
            case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } both when value:
                AddHelperFacts(both.Left, true, facts, depth + 1);
                AddHelperFacts(both.Right, true, facts, depth + 1);
                break;
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsCompleted" or "IsCompletedSuccessfully" or "IsFaulted" or "IsCanceled" } access
                when value:
                var holder = access.Expression is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } self ? self.Name : access.Expression;
                if (holder is IdentifierNameSyntax name) facts.Add("F:" + name.Identifier.ValueText);
                break;
        }
    }

    private sealed class Conditions
    {
        public Conditions(Dictionary<CaptureId, IOperation> captures, IReadOnlyDictionary<string, string> flags)
        {
            Captures = captures;
            Flags = flags;
        }

        public Dictionary<CaptureId, IOperation> Captures { get; }
        public IReadOnlyDictionary<string, string> Flags { get; }
    }

    /// <summary>The places where source hands a task a continuation: only there can <see cref="CollectCompletionFlags"/> find a flag.</summary>
    public static SourceWords NewContinuationWords() => new(new[] { "ContinueWith", "OnCompleted", "UnsafeOnCompleted" });

    /// <summary>
    /// Finds completion flags: a bool field set to true inside a continuation of a task
    /// (<c>_task.ContinueWith(_ =&gt; { _done = true; ... })</c>, <c>GetAwaiter().OnCompleted(...)</c>), so that
    /// <c>_done</c> being true means the task completed. Adds "F:_done" → the task's key to <paramref name="flags"/>.
    /// </summary>
    public static void CollectCompletionFlags(IEnumerable<IOperation> operationBlocks, IDictionary<string, string> flags)
    {
        foreach (var block in operationBlocks)
        {
            foreach (var op in block.DescendantsAndSelf())
            {
                if (op is not IInvocationOperation { TargetMethod.Name: "ContinueWith" or "OnCompleted" or "UnsafeOnCompleted", Instance: { } task } call) continue;
                if (Key(task) is not { } taskKey || !taskKey.StartsWith("F:", System.StringComparison.Ordinal)) continue;
                foreach (var argument in call.Arguments)
                {
                    if (FunctionOperations.Strip(argument.Value) is not IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }) continue;
                    foreach (var inner in lambda.Body.Descendants())
                    {
                        if (inner is ISimpleAssignmentOperation { Target: IFieldReferenceOperation field, Value.ConstantValue: { HasValue: true, Value: true } }
                            && Key(field) is { } flagKey)
                        {
                            flags[flagKey] = taskKey;
                        }
                    }
                }
            }
        }
    }

    // A switch expression or a conditional captures its subject first: look through the capture.
    private static IOperation Resolve(IOperation operation, Dictionary<CaptureId, IOperation> captures)
    {
        var op = FunctionOperations.Strip(operation);
        for (var i = 0; i < MaxPathDepth && op is IFlowCaptureReferenceOperation reference && captures.TryGetValue(reference.Id, out var value); i++)
        {
            op = FunctionOperations.Strip(value);
        }
        return op;
    }

    // Captures assigned exactly once in the graph; those assigned on several branches mean nothing alone.
    private static Dictionary<CaptureId, IOperation> Captures(ControlFlowGraph graph)
    {
        var map = new Dictionary<CaptureId, IOperation>();
        var ambiguous = new HashSet<CaptureId>();
        foreach (var block in graph.Blocks)
        {
            foreach (var op in block.Operations)
            {
                if (op is not IFlowCaptureOperation capture) continue;
                if (map.ContainsKey(capture.Id)) ambiguous.Add(capture.Id);
                else map[capture.Id] = capture.Value;
            }
        }
        foreach (var id in ambiguous) map.Remove(id);
        return map;
    }

    private static bool IsCompletedStatus(IOperation value) =>
        value is IFieldReferenceOperation { Field: { ContainingType.Name: "TaskStatus", Name: "RanToCompletion" or "Faulted" or "Canceled" } };

    private static void AddKey(IOperation task, HashSet<string> facts)
    {
        if (Key(task) is { } key) facts.Add(key);
    }
}
