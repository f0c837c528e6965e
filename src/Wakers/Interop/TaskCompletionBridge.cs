using System;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Scheduling;

namespace Wakers.Interop;

/// <summary>
/// The join waker of a task turned into a <see cref="Task{TResult}"/>: woken on completion, it completes its Task
/// source with the task's outcome. Wakes before completion (a racing registration) are ignored.
/// </summary>
internal sealed class TaskCompletionBridge<T> : Waker
{
    private readonly TaskCore<T> _task;
    // Continuations run on the thread pool, never inline on the thread that completed the spawned task.
    private readonly TaskCompletionSource<T> _source = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionBridge(TaskCore<T> task) => _task = task;

    public Task<T> Task => _source.Task;

    /// <summary>Cancels the Task now with <paramref name="token"/> (the spawned task is aborted separately).</summary>
    public void Cancel(CancellationToken token) => _source.TrySetCanceled(token);

    public override void Wake()
    {
        if (!_task.IsCompleted) return;
        var value = _task.GetResult(out var error);
        if (error is null) _source.TrySetResult(value);
        // As in async methods, an OperationCanceledException cancels the Task rather than faulting it.
        else if (error.SourceException is OperationCanceledException canceled) _source.TrySetCanceled(canceled.CancellationToken);
        else _source.TrySetException(error.SourceException);
    }
}
