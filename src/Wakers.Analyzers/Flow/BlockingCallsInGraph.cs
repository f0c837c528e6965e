using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>A blocking call found in one function, with what was known about its task where it is made.</summary>
internal sealed class BlockingSite
{
    public BlockingSite(IOperation operation, string name, string? taskKey, bool knownCompleted)
    {
        Operation = operation;
        Name = name;
        TaskKey = taskKey;
        KnownCompleted = knownCompleted;
    }

    public IOperation Operation { get; }
    public string Name { get; }

    /// <summary>The key of the task whose completion would excuse it (a field's key can be known by the caller).</summary>
    public string? TaskKey { get; }

    public bool KnownCompleted { get; }
}

/// <summary>A call from one function to a helper of the same type (or a local function), with the tasks known completed there.</summary>
internal sealed class BlockingHelperCall
{
    public BlockingHelperCall(IMethodSymbol callee, HashSet<string> knownCompleted)
    {
        Callee = callee;
        KnownCompleted = knownCompleted;
    }

    public IMethodSymbol Callee { get; }
    public HashSet<string> KnownCompleted { get; }
}

/// <summary>The blocking calls and helper calls of one function's graph (WAKE007).</summary>
internal sealed class BlockingCallsInGraph
{
    private BlockingCallsInGraph(IMethodSymbol function)
    {
        Function = function;
    }

    public IMethodSymbol Function { get; }
    public List<BlockingSite> Sites { get; } = new();
    public List<BlockingHelperCall> Calls { get; } = new();

    /// <summary>
    /// Whether what is known about tasks could change the answer: a call whose task may be known completed
    /// (<c>.Result</c>, <c>GetResult()</c>, <c>Task.Wait</c>), or a call of a helper that may read one.
    /// </summary>
    public bool NeedsFacts { get; private set; }

    /// <summary>
    /// Scans <paramref name="body"/>'s operation tree alone (no graph, nothing known about tasks): enough for a
    /// function whose answer <see cref="NeedsFacts"/> says facts cannot change.
    /// </summary>
    public static BlockingCallsInGraph ScanOperations(IMethodSymbol function, IOperation body, INamedTypeSymbol type, HashSet<string> configured)
    {
        var result = new BlockingCallsInGraph(function);
        var none = new HashSet<string>();
        foreach (var op in FunctionOperations.Own(body))
        {
            if (BlockingCalls.Describe(op, configured, out var task) is { } name)
            {
                var byConstruction = BlockingCalls.IsCompletedByConstruction(task);
                result.NeedsFacts |= task is not null && !byConstruction;
                result.Sites.Add(new BlockingSite(op, name, task is null ? null : KnownCompletedTasks.Key(task), byConstruction));
            }
            if (Helper(op, type) is { } callee)
            {
                result.NeedsFacts = true;
                result.Calls.Add(new BlockingHelperCall(callee, none));
            }
        }
        return result;
    }

    /// <summary>Scans <paramref name="graph"/>; helpers are methods and properties of <paramref name="type"/> and local functions.</summary>
    public static BlockingCallsInGraph Scan(IMethodSymbol function, ControlFlowGraph graph, INamedTypeSymbol type, HashSet<string> configured,
        IEnumerable<string>? entry = null, IReadOnlyDictionary<string, string>? flags = null)
    {
        var result = new BlockingCallsInGraph(function);
        // Most polls neither block nor call a helper: the completed-task dataflow runs only where its answer is read.
        if (!HasBlockingCallOrHelperCall(graph, type, configured)) return result;
        var known = KnownCompletedTasks.Analyze(graph, entry, flags);
        foreach (var block in graph.Blocks)
        {
            if (!known.TryGetValue(block, out var entryFacts)) continue;
            var facts = new HashSet<string>(entryFacts);
            foreach (var op in block.Operations)
            {
                result.Visit(op, facts, type, configured);
                KnownCompletedTasks.Transfer(op, facts);
            }
            if (block.BranchValue is { } value) result.Visit(value, facts, type, configured);
        }
        return result;
    }

    private static bool HasBlockingCallOrHelperCall(ControlFlowGraph graph, INamedTypeSymbol type, HashSet<string> configured)
    {
        foreach (var block in graph.Blocks)
        {
            foreach (var op in block.Operations)
            {
                if (HasCandidate(op, type, configured)) return true;
            }
            if (block.BranchValue is { } value && HasCandidate(value, type, configured)) return true;
        }
        return false;
    }

    private static bool HasCandidate(IOperation root, INamedTypeSymbol type, HashSet<string> configured)
    {
        foreach (var op in root.DescendantsAndSelf())
        {
            if (BlockingCalls.Describe(op, configured, out _) is not null || Helper(op, type) is not null) return true;
        }
        return false;
    }

    private void Visit(IOperation root, HashSet<string> facts, INamedTypeSymbol type, HashSet<string> configured)
    {
        foreach (var op in root.DescendantsAndSelf())
        {
            if (BlockingCalls.Describe(op, configured, out var task) is { } name)
            {
                var key = task is null ? null : KnownCompletedTasks.Key(task);
                Sites.Add(new BlockingSite(op, name, key, task is not null && KnownCompletedTasks.IsKnownCompleted(task, facts)));
            }
            if (Helper(op, type) is { } callee) Calls.Add(new BlockingHelperCall(callee, new HashSet<string>(facts)));
        }
    }

    private static IMethodSymbol? Helper(IOperation op, INamedTypeSymbol type)
    {
        IMethodSymbol? target = op switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IPropertyReferenceOperation { Property.GetMethod: { } getter } property
                when property.Parent is not IAssignmentOperation assignment || !ReferenceEquals(assignment.Target, property) => getter,
            _ => null,
        };
        if (target is null) return null;
        if (target.MethodKind == MethodKind.LocalFunction) return target.OriginalDefinition;
        // Any accessibility: a public method that a poll calls runs on the poll's thread all the same.
        return SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, type.OriginalDefinition)
            ? target.OriginalDefinition
            : null;
    }
}
