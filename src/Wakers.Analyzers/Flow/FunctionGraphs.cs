using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>The control-flow graph of one function of an operation block, asked for only where a rule needs it.</summary>
internal static class FunctionGraphs
{
    /// <summary>The graph of <paramref name="function"/> (the member, or a local function or lambda nested in it), or null when it has none.</summary>
    public static ControlFlowGraph? Of(OperationBlockAnalysisContext block, FunctionBody function)
    {
        var root = FunctionOperations.Root(function.Body);
        if (root is not (IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation or IFieldInitializerOperation or IPropertyInitializerOperation))
        {
            return null;
        }
        foreach (var operationBlock in block.OperationBlocks)
        {
            if (!ReferenceEquals(FunctionOperations.Root(operationBlock), root)) continue;
            var graph = block.GetControlFlowGraph(operationBlock);
            return ReferenceEquals(function.Body, root) ? graph : Nested(graph, function.Symbol);
        }
        return null;
    }

    private static ControlFlowGraph? Nested(ControlFlowGraph graph, IMethodSymbol function)
    {
        foreach (var nested in Nested(graph))
        {
            if (SymbolEqualityComparer.Default.Equals(nested.Symbol, function)) return nested.Graph;
        }
        return null;
    }

    /// <summary>
    /// Every local function and lambda inside <paramref name="graph"/>, at any depth, each with its own graph and its
    /// syntax; with <paramref name="wanted"/>, only those it accepts get a graph (and are searched further).
    /// </summary>
    public static IEnumerable<(IMethodSymbol Symbol, ControlFlowGraph Graph, SyntaxNode Syntax)> Nested(ControlFlowGraph graph, Func<IMethodSymbol, bool>? wanted = null)
    {
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(graph);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            foreach (var local in g.LocalFunctions)
            {
                if (wanted is not null && !wanted(local)) continue;
                var lg = g.GetLocalFunctionControlFlowGraph(local);
                pending.Push(lg);
                yield return (local, lg, lg.OriginalOperation.Syntax);
            }
            foreach (var b in g.Blocks)
            {
                var ops = b.BranchValue is null ? b.Operations : b.Operations.Add(b.BranchValue);
                foreach (var op in ops)
                {
                    foreach (var lambda in op.DescendantsAndSelf())
                    {
                        if (lambda is not IFlowAnonymousFunctionOperation flow) continue;
                        if (wanted is not null && !wanted(flow.Symbol)) continue;
                        var lg = g.GetAnonymousFunctionControlFlowGraph(flow);
                        pending.Push(lg);
                        yield return (flow.Symbol, lg, flow.Syntax);
                    }
                }
            }
        }
    }
}
