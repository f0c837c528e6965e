using System;
using System.Threading;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace Wakers.Tests.Polling;

/// <summary>Hang guards: a lost wakeup shows up as a clear failure instead of a test run that never ends.</summary>
internal static class Guard
{
    /// <summary>Generous: these guards catch hangs, they never measure speed.</summary>
    public static readonly TimeSpan HangTimeout = TimeSpan.FromSeconds(120);

    /// <summary>Runs <see cref="Executor.BlockOn{T}"/> on its own thread, failing with <paramref name="what"/> if it never returns.</summary>
    public static T BlockOn<T>(IFuture<T> future, string what) => Run(() => Executor.BlockOn(future), what);

    /// <summary>Runs <paramref name="work"/> on its own thread, failing with <paramref name="what"/> if it never returns.</summary>
    public static T Run<T>(Func<T> work, string what)
    {
        var task = Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!((IAsyncResult)task).AsyncWaitHandle.WaitOne(HangTimeout))
            throw new XunitException($"Hung (a lost wakeup?): {what} did not finish within {HangTimeout.TotalSeconds} s.");
        // Rethrows the work's own exception, not an AggregateException.
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Runs every action on its own thread, all at once, failing with <paramref name="what"/> if one never returns.</summary>
    public static void RunAll(string what, params Action[] workers)
    {
        var tasks = new Task[workers.Length];
        for (var i = 0; i < workers.Length; i++)
            tasks[i] = Task.Factory.StartNew(workers[i], CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        if (!Task.WaitAll(tasks, HangTimeout)) throw new XunitException($"Hung (a lost wakeup?): {what} did not finish within {HangTimeout.TotalSeconds} s.");
    }

    /// <summary>Spins until <paramref name="condition"/> holds, failing with <paramref name="what"/> after the hang timeout.</summary>
    public static void Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + HangTimeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new XunitException($"Hung: {what} never happened within {HangTimeout.TotalSeconds} s.");
            Thread.Sleep(1);
        }
    }
}
