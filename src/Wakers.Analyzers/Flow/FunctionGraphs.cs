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
        var pending = new Stack<ControlFlowGraph>();
        pending.Push(graph);
        while (pending.Count > 0)
        {
            var g = pending.Pop();
            foreach (var local in g.LocalFunctions)
            {
                var lg = g.GetLocalFunctionControlFlowGraph(local);
                if (SymbolEqualityComparer.Default.Equals(local, function)) return lg;
                pending.Push(lg);
            }
            foreach (var b in g.Blocks)
            {
                var ops = b.BranchValue is null ? b.Operations : b.Operations.Add(b.BranchValue);
                foreach (var op in ops)
                {
                    foreach (var lambda in op.DescendantsAndSelf())
                    {
                        if (lambda is not IFlowAnonymousFunctionOperation flow) continue;
                        var lg = g.GetAnonymousFunctionControlFlowGraph(flow);
                        if (SymbolEqualityComparer.Default.Equals(flow.Symbol, function)) return lg;
                        pending.Push(lg);
                    }
                }
            }
        }
        return null;
    }
}
