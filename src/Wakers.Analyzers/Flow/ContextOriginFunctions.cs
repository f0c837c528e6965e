using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>One function of an operation block (the member itself, a local function or a lambda) with its own body.</summary>
internal readonly struct FunctionBody
{
    public FunctionBody(IMethodSymbol symbol, IOperation body)
    {
        Symbol = symbol;
        Body = body;
    }

    public IMethodSymbol Symbol { get; }

    /// <summary>The body; <see cref="FunctionOperations.Own"/> walks it without entering nested functions.</summary>
    public IOperation Body { get; }
}

/// <summary>Walks operation trees function by function: a nested lambda or local function is its own function.</summary>
internal static class FunctionOperations
{
    /// <summary>Every function of an operation block, nested ones included, each with its own body.</summary>
    public static IEnumerable<FunctionBody> All(OperationBlockAnalysisContext block)
    {
        var owner = block.OwningSymbol as IMethodSymbol;
        var seen = new HashSet<IOperation>();
        foreach (var operationBlock in block.OperationBlocks)
        {
            var root = Root(operationBlock);
            if (!seen.Add(root)) continue;
            if (owner is not null && root is IMethodBodyOperation or IBlockOperation or IConstructorBodyOperation)
            {
                yield return new FunctionBody(owner, root);
            }
            foreach (var nested in root.Descendants())
            {
                if (nested is IAnonymousFunctionOperation lambda && lambda.Body is not null)
                {
                    yield return new FunctionBody(lambda.Symbol, lambda.Body);
                }
                else if (nested is ILocalFunctionOperation local && (local.Body ?? local.IgnoredBody) is { } body)
                {
                    yield return new FunctionBody(local.Symbol, body);
                }
            }
        }
    }

    /// <summary>The operations of one function: descendants of <paramref name="body"/>, not entering nested functions.</summary>
    public static IEnumerable<IOperation> Own(IOperation body)
    {
        var pending = new Stack<IOperation>();
        pending.Push(body);
        while (pending.Count > 0)
        {
            var op = pending.Pop();
            yield return op;
            if (op != body && op is IAnonymousFunctionOperation or ILocalFunctionOperation) continue;
            foreach (var child in op.ChildOperations)
            {
                if (child is not null) pending.Push(child);
            }
        }
    }

    /// <summary>The outermost operation of the tree holding <paramref name="operation"/>.</summary>
    public static IOperation Root(IOperation operation)
    {
        var op = operation;
        while (op.Parent is not null) op = op.Parent;
        return op;
    }

    /// <summary>The function that <paramref name="operation"/> belongs to: the nearest enclosing lambda or local function, or null for the member itself.</summary>
    public static IOperation? EnclosingFunction(IOperation operation)
    {
        for (var op = operation.Parent; op is not null; op = op.Parent)
        {
            if (op is IAnonymousFunctionOperation or ILocalFunctionOperation) return op;
        }
        return null;
    }

    /// <summary>Removes implicit and explicit conversions and parentheses-like wrappers.</summary>
    public static IOperation Strip(IOperation operation)
    {
        var op = operation;
        while (true)
        {
            switch (op)
            {
                case IConversionOperation conversion:
                    op = conversion.Operand;
                    continue;
                case IParenthesizedOperation parenthesized:
                    op = parenthesized.Operand;
                    continue;
                default:
                    return op;
            }
        }
    }
}
