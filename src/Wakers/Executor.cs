using System;
using Wakers.Scheduling;

namespace Wakers;

/// <summary>
/// Runs futures: <see cref="BlockOn{T}"/> on the calling thread, <see cref="Spawn{T}"/> on the shared thread pool.
/// For a single-threaded loop (a UI or game loop), see <see cref="LocalExecutor"/>.
/// </summary>
public static partial class Executor
{
    // The idle parker of this thread, reused by the next BlockOn; a nested BlockOn takes a fresh one, so the
    // inner loop never consumes a wake meant for the outer one.
    [ThreadStatic]
    private static ThreadParker? t_idleParker;

    /// <summary>
    /// Polls <paramref name="future"/> on the calling thread until it is Ready and returns its value. While it is
    /// Pending the thread parks (blocks, without spinning) until the future's waker is woken, from any thread.
    /// </summary>
    /// <remarks>Blocks the calling thread: do not call it from a poll method or on a thread-pool thread you need.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static T BlockOn<T>(IFuture<T> future)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        var parker = t_idleParker ?? new ThreadParker();
        t_idleParker = null;
        try
        {
            var cx = new Context(parker);
            while (true)
            {
                var poll = future.Poll(cx);
                if (poll.IsReady) return poll.Value;
                parker.Park();
            }
        }
        finally
        {
            // A wake left over from this loop only costs the next BlockOn one extra poll.
            t_idleParker = parker;
        }
    }

    /// <summary>
    /// Runs <paramref name="future"/> as a task on the shared multi-threaded executor (the .NET thread pool) and
    /// returns its handle. The task is polled on pool threads, one poll at a time, each time its waker is woken.
    /// </summary>
    /// <remarks>
    /// An exception thrown by the future's poll completes the task: the handle rethrows it, with its original stack
    /// trace, when polled (or faults <see cref="JoinHandle{T}.AsTask"/>'s Task). The pool threads are unaffected.
    /// Dropping the handle detaches the task: it still runs to completion, and nobody sees its outcome.
    /// The task does not flow the spawner's <see cref="System.Threading.ExecutionContext"/> (AsyncLocal values):
    /// a future carries the state it needs.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static JoinHandle<T> Spawn<T>(IFuture<T> future)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        var task = new ThreadPoolTask<T>(future);
        var handle = new JoinHandle<T>(task);
        task.Start();
        return handle;
    }
}
