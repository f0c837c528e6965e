using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>One call of a private method, with the function (member, local function or lambda) that makes it.</summary>
internal readonly struct CallSite
{
    public CallSite(IInvocationOperation call, FunctionBody caller)
    {
        Call = call;
        Caller = caller;
    }

    public IInvocationOperation Call { get; }
    public FunctionBody Caller { get; }
}

/// <summary>
/// Finds the calls of a private method inside its type, so that what its callers pass can be judged (a helper handed
/// cx.Waker by every caller polls with this task's waker). Only the type's declarations in the tree of the model at
/// hand are searched: another tree's semantic model is not ours to ask for, so a partial type's other files are not seen.
/// </summary>
internal static class ContextOriginCallers
{
    public static IEnumerable<CallSite> Of(IMethodSymbol method, SemanticModel model)
    {
        var target = method.OriginalDefinition;
        foreach (var reference in target.ContainingType.DeclaringSyntaxReferences)
        {
            if (reference.SyntaxTree != model.SyntaxTree) continue;
            foreach (var node in reference.GetSyntax().DescendantNodes())
            {
                // The name first: binding is asked for only where the callee is spelled.
                if (node is not InvocationExpressionSyntax invocation || CalledName(invocation.Expression) != target.Name) continue;
                if (model.GetOperation(invocation) is not IInvocationOperation call
                    || !SymbolEqualityComparer.Default.Equals(call.TargetMethod.OriginalDefinition, target)
                    || Caller(call, model) is not { } caller)
                {
                    continue;
                }
                yield return new CallSite(call, caller);
            }
        }
    }

    private static FunctionBody? Caller(IOperation call, SemanticModel model)
    {
        switch (FunctionOperations.EnclosingFunction(call))
        {
            case IAnonymousFunctionOperation lambda:
                return new FunctionBody(lambda.Symbol, lambda.Body);
            case ILocalFunctionOperation local when (local.Body ?? local.IgnoredBody) is { } body:
                return new FunctionBody(local.Symbol, body);
            case null when model.GetEnclosingSymbol(call.Syntax.SpanStart) is IMethodSymbol member:
                return new FunctionBody(member, FunctionOperations.Root(call));
            default:
                return null;
        }
    }

    private static string? CalledName(ExpressionSyntax expression) => expression switch
    {
        SimpleNameSyntax name => name.Identifier.ValueText,
        MemberAccessExpressionSyntax access => access.Name.Identifier.ValueText,
        MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
        _ => null,
    };
}
