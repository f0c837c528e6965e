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
    protected override void Schedule() => ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);

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
