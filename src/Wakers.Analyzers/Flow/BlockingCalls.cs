using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// The calls that block the calling thread (WAKE007): sleeps, waits on tasks and synchronization primitives,
/// <c>.Result</c> and <c>GetAwaiter().GetResult()</c>, blocking takes. A zero timeout is a try, not a block;
/// <c>lock</c>, <c>Monitor.Enter</c> and <c>Monitor.TryEnter</c> are not blocking calls here.
/// </summary>
internal static class BlockingCalls
{
    // A cheap test on the name before any namespace is computed.
    private static readonly HashSet<string> CandidateNames = new()
    {
        "Sleep", "Join", "Wait", "WaitAll", "WaitAny", "WaitOne", "SignalAndWait", "SpinUntil",
        "Take", "TakeFromAny", "TryTake", "TryTakeFromAny", "GetResult", "BlockOn",
    };

    // Every name a blocking call is spelled with in source (Result is the task's property).
    private static readonly string[] Words = new List<string>(CandidateNames) { "Result" }.ToArray();

    /// <summary>
    /// The places where source names a blocking call (or a task's <c>Result</c>): a type or member whose text names
    /// none cannot block by itself, so it needs no graph. One per compilation.
    /// </summary>
    public static SourceWords NewSourceWords(IEnumerable<string> configuredNames) => new(Words.Concat(configuredNames).Distinct());

    /// <summary>
    /// The name of the blocking call <paramref name="operation"/> makes ("SemaphoreSlim.Wait"), or null. <paramref name="task"/>
    /// is the task or awaiter whose known completion makes it not block (for Result, GetResult and Task.Wait);
    /// <paramref name="configured"/> are the methods the project declares blocking (<see cref="ConfiguredBlockingMethods"/>).
    /// </summary>
    public static string? Describe(IOperation operation, HashSet<string> configured, out IOperation? task)
    {
        task = null;
        switch (operation)
        {
            case IPropertyReferenceOperation { Property.Name: "Result" } result
                when IsIn(result.Property.ContainingType, "System.Threading.Tasks") && result.Property.ContainingType.Name is "Task" or "ValueTask":
                task = result.Instance;
                return result.Property.ContainingType.Name + ".Result";
            case IInvocationOperation invocation:
                return DescribeCall(invocation, configured, out task);
            default:
                return null;
        }
    }

    /// <summary>Whether <paramref name="task"/> is completed by construction (Task.FromResult, Task.CompletedTask).</summary>
    public static bool IsCompletedByConstruction(IOperation? task)
    {
        switch (task is null ? null : FunctionOperations.Strip(task))
        {
            case IInvocationOperation { TargetMethod: { IsStatic: true, Name: "FromResult" or "FromException" or "FromCanceled" } m }
                when IsIn(m.ContainingType, "System.Threading.Tasks"):
                return true;
            case IPropertyReferenceOperation { Property: { IsStatic: true, Name: "CompletedTask" } p } when IsIn(p.ContainingType, "System.Threading.Tasks"):
                return true;
            case IInvocationOperation { TargetMethod.Name: "GetAwaiter" or "ConfigureAwait" } wrapped:
                return IsCompletedByConstruction(wrapped.Instance);
            default:
                return false;
        }
    }

    private static string? DescribeCall(IInvocationOperation invocation, HashSet<string> configured, out IOperation? task)
    {
        task = null;
        var method = invocation.TargetMethod;
        var type = method.ContainingType;
        if (type is not null && ConfiguredBlockingMethods.Contains(configured, method)) return Shown(invocation, method, type);
        if (type is null || !CandidateNames.Contains(method.Name)) return null;
        var blocking = (Namespace(type), type.Name, method.Name) switch
        {
            ("System.Threading", "Thread", "Sleep" or "Join") => !HasZeroTimeout(invocation),
            ("System.Threading.Tasks", "Task", "Wait") => !HasZeroTimeout(invocation),
            ("System.Threading.Tasks", "Task", "WaitAll" or "WaitAny") => !HasZeroTimeout(invocation),
            ("System.Threading", "Monitor", "Wait") => !HasZeroTimeout(invocation),
            ("System.Threading", "WaitHandle", "WaitOne" or "WaitAll" or "WaitAny" or "SignalAndWait") => !HasZeroTimeout(invocation),
            ("System.Threading", "SemaphoreSlim" or "ManualResetEventSlim" or "CountdownEvent", "Wait") => !HasZeroTimeout(invocation),
            ("System.Threading", "Barrier", "SignalAndWait") => !HasZeroTimeout(invocation),
            ("System.Threading", "SpinWait", "SpinUntil") => !HasZeroTimeout(invocation),
            ("System.Collections.Concurrent", "BlockingCollection", "Take" or "TakeFromAny") => !HasZeroTimeout(invocation),
            // TryTake without a timeout is a try; with one, it blocks unless the timeout is zero.
            ("System.Collections.Concurrent", "BlockingCollection", "TryTake" or "TryTakeFromAny") => HasTimeout(invocation) && !HasZeroTimeout(invocation),
            // Running a future to completion on this thread: a runtime started inside a runtime.
            ("Wakers", "Executor", "BlockOn") => true,
            ("System.Runtime.CompilerServices", var awaiter, "GetResult") => awaiter.EndsWith("Awaiter") && awaiter != "YieldAwaiter",
            _ => false,
        };
        if (!blocking) return null;
        if (method.Name == "GetResult")
        {
            task = invocation.Instance;
            var awaited = Awaited(invocation.Instance);
            return awaited?.Type is { } awaitedType ? awaitedType.Name + ".GetAwaiter().GetResult()" : type.Name + ".GetResult";
        }
        if (method.Name == "Wait" && type.Name == "Task") task = invocation.Instance;
        return Shown(invocation, method, type);
    }

    // The receiver's type where there is one ("SemaphoreSlim.Wait"), else the declaring type.
    private static string Shown(IInvocationOperation invocation, IMethodSymbol method, INamedTypeSymbol type)
    {
        var shown = !method.IsStatic && invocation.Instance?.Type is { } receiverType && receiverType.Name.Length > 0 ? receiverType.Name : type.Name;
        return shown + "." + method.Name;
    }

    // t.GetAwaiter() or t.ConfigureAwait(false).GetAwaiter(): the task behind an awaiter.
    private static IOperation? Awaited(IOperation? awaiter)
    {
        var op = awaiter is null ? null : FunctionOperations.Strip(awaiter);
        while (op is IInvocationOperation { TargetMethod.Name: "GetAwaiter" or "ConfigureAwait", Instance: { } inner })
        {
            op = FunctionOperations.Strip(inner);
            if (op.Type?.Name is "Task" or "ValueTask") return op;
        }
        return null;
    }

    private static bool HasTimeout(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (IsTimeout(argument.Parameter)) return true;
        }
        return false;
    }

    private static bool HasZeroTimeout(IInvocationOperation invocation)
    {
        foreach (var argument in invocation.Arguments)
        {
            if (IsTimeout(argument.Parameter) && IsZero(argument.Value)) return true;
        }
        return false;
    }

    private static bool IsTimeout(IParameterSymbol? parameter) =>
        parameter is not null
        && (parameter.Name.IndexOf("timeout", System.StringComparison.OrdinalIgnoreCase) >= 0
            || parameter.Type.Name == "TimeSpan" && parameter.Type.ContainingNamespace?.Name == "System");

    private static bool IsZero(IOperation value)
    {
        var v = FunctionOperations.Strip(value);
        if (v.ConstantValue is { HasValue: true, Value: { } constant })
        {
            return constant switch
            {
                int i => i == 0,
                long l => l == 0,
                uint u => u == 0,
                _ => false,
            };
        }
        return v switch
        {
            IFieldReferenceOperation { Field: { IsStatic: true, Name: "Zero" } f } => f.ContainingType.Name == "TimeSpan",
            IPropertyReferenceOperation { Property: { IsStatic: true, Name: "Zero" } p } => p.ContainingType.Name == "TimeSpan",
            IInvocationOperation { TargetMethod: { IsStatic: true, Name: var n } m, Arguments.Length: 1 } call
                when m.ContainingType.Name == "TimeSpan" && n.StartsWith("From") => IsZero(call.Arguments[0].Value),
            IDefaultValueOperation d => d.Type?.Name == "TimeSpan",
            IObjectCreationOperation { Arguments.Length: 0 } o => o.Type?.Name == "TimeSpan",
            _ => false,
        };
    }

    private static bool IsIn(INamedTypeSymbol type, string ns) => Namespace(type) == ns;

    private static string Namespace(INamedTypeSymbol type)
    {
        // Nested types (ConfiguredTaskAwaitable.ConfiguredTaskAwaiter) take their outermost type's namespace.
        var outer = type;
        while (outer.ContainingType is not null) outer = outer.ContainingType;
        return outer.ContainingNamespace?.ToDisplayString() ?? "";
    }
}
