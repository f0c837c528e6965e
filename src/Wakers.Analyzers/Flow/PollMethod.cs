using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>One poll method (a method, local function or lambda with a <c>Context</c> parameter returning <c>Poll&lt;T&gt;</c>) and its control-flow graph.</summary>
internal sealed class PollMethod
{
    public PollMethod(IMethodSymbol symbol, IParameterSymbol context, ControlFlowGraph graph, SyntaxNode declaration)
    {
        Symbol = symbol;
        Context = context;
        Graph = graph;
        Declaration = declaration;
    }

    /// <summary>The method, local function or lambda.</summary>
    public IMethodSymbol Symbol { get; }

    /// <summary>Its <c>Wakers.Context</c> parameter (the <c>cx</c> whose waker must be registered).</summary>
    public IParameterSymbol Context { get; }

    /// <summary>The graph of its body alone (nested local functions and lambdas have their own).</summary>
    public ControlFlowGraph Graph { get; }

    /// <summary>The declaring syntax: a method, accessor, local function or lambda.</summary>
    public SyntaxNode Declaration { get; }

    /// <summary>A name for messages: the method's name, or "lambda" for an anonymous function.</summary>
    public string DisplayName => Symbol.MethodKind == MethodKind.AnonymousFunction ? "lambda" : Symbol.Name;
}
