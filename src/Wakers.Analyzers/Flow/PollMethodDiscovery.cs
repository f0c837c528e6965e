using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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

    // Every rule asks for the poll methods of every block: they are found once per compilation and operation tree.
    private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<IOperation, PollMethod[]>> PerCompilation = new();

    /// <summary>The poll methods of one operation block; graphs are built only where a poll method can be.</summary>
    public static IEnumerable<PollMethod> Find(OperationBlockAnalysisContext block, WakersSymbols symbols)
    {
        var found = PerCompilation.GetValue(block.Compilation, _ => new ConcurrentDictionary<IOperation, PollMethod[]>());
        var owner = block.OwningSymbol as IMethodSymbol;
        var seen = new HashSet<IOperation>();
        var all = new List<PollMethod>();
        foreach (var operationBlock in block.OperationBlocks)
        {
            // A block body's operation block hangs under its IMethodBodyOperation: the graph is the root's.
            var root = operationBlock;
            while (root.Parent is not null) root = root.Parent;
            if (!seen.Add(root)) continue;
            // Computed outside the dictionary's lock, and not kept when it fails (a cancelled analysis must not poison the cache).
            if (!found.TryGetValue(root, out var polls)) polls = found.GetOrAdd(root, Find(block, operationBlock, root, owner, symbols));
            all.AddRange(polls);
        }
        return all;
    }

    private static PollMethod[] Find(OperationBlockAnalysisContext block, IOperation operationBlock, IOperation root, IMethodSymbol? owner, WakersSymbols symbols)
    {
        var ownerIsPoll = symbols.IsPollMethod(owner);
        // Cheap tests first: only a poll member, or one holding a lambda or local function that is a poll method, needs a
        // graph; the syntax tells whether there is any nested function, the operation tree whether one is a poll method.
        var hasNested = HasNestedFunction(root.Syntax);
        if (!ownerIsPoll && (!hasNested || !HasNestedPoll(root, symbols))) return Array.Empty<PollMethod>();
        if (!HasGraph(root)) return Array.Empty<PollMethod>();
        var graph = block.GetControlFlowGraph(operationBlock);
        var polls = new List<PollMethod>();
        if (ownerIsPoll && root is IMethodBodyOperation or IBlockOperation)
        {
            polls.Add(new PollMethod(owner!, symbols.ContextParameter(owner!)!, graph, Declaration(owner!, root.Syntax)));
        }
        if (hasNested) polls.AddRange(Nested(graph, symbols));
        return polls.ToArray();
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

    private static bool HasNestedPoll(IOperation root, WakersSymbols symbols)
    {
        foreach (var op in root.Descendants())
        {
            if (op is IAnonymousFunctionOperation f && symbols.IsPollMethod(f.Symbol)) return true;
            if (op is ILocalFunctionOperation l && symbols.IsPollMethod(l.Symbol)) return true;
        }
        return false;
    }

    // Local functions and lambdas, at any depth, each with its own graph (built only for a poll method or one holding more).
    private static IEnumerable<PollMethod> Nested(ControlFlowGraph graph, WakersSymbols symbols)
    {
        var nested = FunctionGraphs.Nested(graph, f => symbols.IsPollMethod(f) || f.DeclaringSyntaxReferences.Any(r => HasNestedFunction(r.GetSyntax())));
        foreach (var (function, functionGraph, syntax) in nested)
        {
            if (!symbols.IsPollMethod(function)) continue;
            var declaration = function.MethodKind == MethodKind.LocalFunction ? Declaration(function, syntax) : syntax;
            yield return new PollMethod(function, symbols.ContextParameter(function)!, functionGraph, declaration);
        }
    }
}
