using System;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// Recursion over operations is as deep as the user's code (a generated 4,000-call fluent chain): where the stack runs
/// low, the rest of the walk continues on a new thread with a whole stack of its own, so the analysis neither overflows
/// (which would end the compiler or the IDE) nor gives up.
/// </summary>
internal static class FreshStack
{
    /// <summary>Whether the current thread's stack is too low to recurse further safely.</summary>
    public static bool IsLow()
    {
        try
        {
            RuntimeHelpers.EnsureSufficientExecutionStack();
            return false;
        }
        catch (InsufficientExecutionStackException)
        {
            return true;
        }
    }

    /// <summary>Runs <paramref name="work"/> on a new thread and waits for it; its exception is rethrown here.</summary>
    public static T Run<T>(Func<T> work)
    {
        var result = default(T)!;
        ExceptionDispatchInfo? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }
        });
        thread.Start();
        thread.Join();
        error?.Throw();
        return result;
    }
}
