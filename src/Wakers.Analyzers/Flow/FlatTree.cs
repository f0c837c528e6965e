using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// An operation tree flattened once in document order, with the lambda or local function each operation runs in: the
/// type model reads one member's tree in several passes (origins, stores, locks, facts), and each pass walks this array
/// instead of the tree again. Kept per root (weakly), so every pass and every rule that asks shares it.
/// </summary>
internal sealed class FlatTree
{
    private static readonly ConditionalWeakTable<IOperation, FlatTree> Cache = new();

    private FlatTree(IOperation root)
    {
        var operations = new List<IOperation>();
        var functions = new List<ISymbol?>();
        var pending = new Stack<(IOperation, ISymbol?)>();
        var children = new List<IOperation>();
        pending.Push((root, null));
        while (pending.Count > 0)
        {
            var (op, function) = pending.Pop();
            operations.Add(op);
            functions.Add(function);
            var inner = op switch
            {
                // `_waiters.ForEach(w => w.Wake())` runs its lambda right there: it belongs to the enclosing function.
                IAnonymousFunctionOperation { Parent: IDelegateCreationOperation { Parent: IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ForEach" } } } } => function,
                IAnonymousFunctionOperation f => f.Symbol,
                ILocalFunctionOperation l => l.Symbol,
                _ => function,
            };
            children.Clear();
            children.AddRange(op.ChildOperations);
            for (var i = children.Count - 1; i >= 0; i--) pending.Push((children[i], inner));
        }
        Operations = operations.ToArray();
        Functions = functions.ToArray();
    }

    /// <summary>The tree's operations, the root first, in document order (as <see cref="IOperation.Descendants"/>).</summary>
    public IOperation[] Operations { get; }

    /// <summary>Per operation, the innermost lambda or local function below the root that it runs in; null for the root's own code.</summary>
    public ISymbol?[] Functions { get; }

    public static FlatTree Of(IOperation root) => Cache.GetValue(root, r => new FlatTree(r));
}
