using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>Finds every poll method of an operation block (the member itself, its local functions and lambdas) with its graph.</summary>
internal static class PollMethodDiscovery
{
    /// <summary>
    /// Registers <paramref name="onPollMethod"/> to run once per poll method in the compilation, inside the
    /// compiler's operation-block callback (so results show live in the IDE).
    /// </summary>
    public static void RegisterPollMethodAction(
        this CompilationStartAnalysisContext context,
        WakersSymbols symbols,
        Action<PollMethod, OperationBlockAnalysisContext> onPollMethod)
    {
        context.RegisterOperationBlockAction(block => AnalyzerGuard.Run(block.OwningSymbol, () =>
        {
            foreach (var pollMethod in Find(block, symbols))
            {
                onPollMethod(pollMethod, block);
            }
        }));
    }

    /// <summary>The poll methods of one operation block; graphs are built only where a poll method can be.</summary>
    public static IEnumerable<PollMethod> Find(OperationBlockAnalysisContext block, WakersSymbols symbols)
    {
        var owner = block.OwningSymbol as IMethodSymbol;
        var ownerIsPoll = symbols.IsPollMethod(owner);
        var seen = new HashSet<IOperation>();
        foreach (var operationBlock in block.OperationBlocks)
        {
            // A block body's operation block hangs under its IMethodBodyOperation: the graph is the root's.
            var root = operationBlock;
            while (root.Parent is not null) root = root.Parent;
            if (!seen.Add(root)) continue;
            // Cheap syntax test first: only a poll member, or one holding a lambda or local function, needs a graph.
            if (!ownerIsPoll && !HasNestedFunction(root.Syntax)) continue;
            if (!HasGraph(root)) continue;
            var graph = block.GetControlFlowGraph(operationBlock);
            if (ownerIsPoll && root is IMethodBodyOperation or IBlockOperation)
            {
                yield return new PollMethod(owner!, symbols.ContextParameter(owner!)!, graph, Declaration(owner!, root.Syntax));
            }
            foreach (var nested in Nested(graph, symbols))
            {
                yield return nested;
            }
        }
    }

    // The roots ControlFlowGraph.Create accepts (attributes and parameter defaults hold no poll method).
    private static bool HasGraph(IOperation root) =>
        root is IMethodBodyOperation or IConstructorBodyOperation or IBlockOperation
            or IFieldInitializerOperation or IPropertyInitializerOperation;

    private static SyntaxNode Declaration(IMethodSymbol owner, SyntaxNode fallback)
    {
        foreach (var reference in owner.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree == fallback.SyntaxTree) return reference.GetSyntax();
        }
        return fallback;
    }

    private static bool HasNestedFunction(SyntaxNode node)
    {
        foreach (var n in node.DescendantNodes())
        {
            if (n is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) return true;
        }
        return false;
    }

    // Local functions and lambdas, at any depth, each with its own graph.
    private static IEnumerable<PollMethod> Nested(ControlFlowGraph graph, WakersSymbols symbols)
    {
        foreach (var (function, functionGraph, syntax) in FunctionGraphs.Nested(graph))
        {
            if (!symbols.IsPollMethod(function)) continue;
            var declaration = function.MethodKind == MethodKind.LocalFunction ? Declaration(function, syntax) : syntax;
            yield return new PollMethod(function, symbols.ContextParameter(function)!, functionGraph, declaration);
        }
    }
}
