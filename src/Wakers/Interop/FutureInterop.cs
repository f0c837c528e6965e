using System;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Interop;

namespace Wakers;

/// <summary>Builds and adapts futures.</summary>
public static partial class Future
{
    /// <summary>
    /// A <see cref="Task{TResult}"/> that completes when <paramref name="future"/> does, without blocking a thread:
    /// the future is spawned on <see cref="Executor.Spawn{T}"/> (a <see cref="JoinHandle{T}"/> is used as is, see
    /// <see cref="JoinHandle{T}.AsTask"/>). The Task faults with the future's exception; an
    /// <see cref="OperationCanceledException"/> cancels it.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static Task<T> AsTask<T>(this IFuture<T> future)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        return (future as JoinHandle<T> ?? Executor.Spawn(future)).AsTask();
    }

    /// <summary>
    /// Like <see cref="AsTask{T}(IFuture{T})"/>, and when <paramref name="cancellationToken"/> is cancelled first, the
    /// Task is cancelled with it at once and the spawned task is aborted (its future dropped).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static Task<T> AsTask<T>(this IFuture<T> future, CancellationToken cancellationToken)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        if (!cancellationToken.CanBeCanceled) return future.AsTask();
        if (cancellationToken.IsCancellationRequested)
        {
            (future as JoinHandle<T>)?.Abort();
            return Task.FromCanceled<T>(cancellationToken);
        }

        var handle = future as JoinHandle<T> ?? Executor.Spawn(future);
        var bridge = handle.GetBridge();
        var task = bridge.Task;
        var registration = cancellationToken.UnsafeRegister(
            static (state, token) =>
            {
                var (h, b) = ((JoinHandle<T>, TaskCompletionBridge<T>))state!;
                b.Cancel(token);
                h.Abort();
            },
            (handle, bridge));
        task.ContinueWith(static (_, state) => ((CancellationTokenRegistration)state!).Dispose(), registration,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return task;
    }

    /// <summary>
    /// A future that is Ready when <paramref name="task"/> completed: with its result, or throwing what <c>await</c>
    /// would throw (a faulted task's exception, <see cref="OperationCanceledException"/> when cancelled).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static IFuture<T> AsFuture<T>(this Task<T> task)
    {
        if (task is null) throw new ArgumentNullException(nameof(task));
        return new ResultTaskFuture<T>(task);
    }

    /// <summary>A future that is Ready with <see cref="Unit.Value"/> when <paramref name="task"/> completed (see <see cref="AsFuture{T}(Task{T})"/>).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="task"/> is null.</exception>
    public static IFuture<Unit> AsFuture(this Task task)
    {
        if (task is null) throw new ArgumentNullException(nameof(task));
        return new UnitTaskFuture(task);
    }

    /// <summary>
    /// A future over <paramref name="task"/>, which it consumes (await or read it no more). One that already completed
    /// successfully costs no Task; otherwise see <see cref="AsFuture{T}(Task{T})"/>.
    /// </summary>
    public static IFuture<T> AsFuture<T>(this ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? new CompletedFuture<T>(task.Result) : new ResultTaskFuture<T>(task.AsTask());

    /// <summary>A future over <paramref name="task"/>, which it consumes (see <see cref="AsFuture{T}(ValueTask{T})"/>).</summary>
    public static IFuture<Unit> AsFuture(this ValueTask task)
    {
        if (!task.IsCompletedSuccessfully) return new UnitTaskFuture(task.AsTask());
        task.GetAwaiter().GetResult();
        return new CompletedFuture<Unit>(Unit.Value);
    }

    /// <summary>
    /// A future that completes like <paramref name="future"/>, or throws <see cref="OperationCanceledException"/> from
    /// its poll once <paramref name="cancellationToken"/> is cancelled (waking the task to see it). On cancellation the
    /// inner future is no longer polled and is disposed when it is <see cref="IDisposable"/>; disposing the returned
    /// future stops listening to the token.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static IFuture<T> WithCancellation<T>(this IFuture<T> future, CancellationToken cancellationToken)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        return new CancellableFuture<T>(future, cancellationToken);
    }
}
