using System;
using System.Threading;

namespace Wakers.Scheduling;

/// <summary>A task of <see cref="Executor.Spawn{T}"/>: its own thread-pool work item, so a spawn is one allocation (plus the handle).</summary>
internal sealed class ThreadPoolTask<T> : TaskCore<T>, IThreadPoolWorkItem
{
    public ThreadPoolTask(IFuture<T> future)
        : base(future)
    {
    }

    /// <inheritdoc />
    /// <remarks>
    /// A task woken from a pool thread goes to that thread's local queue, which it pops last-in first-out: the woken task
    /// runs right after the waker's work item, on a warm cache and without waking another thread (tokio's "LIFO slot").
    /// A task that requeues itself goes to the global queue, so it cannot keep the others of its thread waiting.
    /// </remarks>
    protected override void Schedule(bool yielding) => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: !yielding);

    /// <inheritdoc />
    public void Execute()
    {
        try
        {
            Run();
        }
        catch (Exception e)
        {
            // Run contains the future's and the wakers' exceptions itself; anything else escaping a pool work item
            // would end the process, so it is reported instead.
            Executor.ReportUnhandled(e);
        }
    }
}
