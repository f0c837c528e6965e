using System;
using System.Runtime.ExceptionServices;

namespace Wakers.Scheduling;

/// <summary>A task whose future yields <typeparamref name="T"/>: stores the outcome and wakes its join waker.</summary>
internal abstract class TaskCore<T> : TaskCore
{
    private IFuture<T>? _future;
    private T _result = default!;
    private ExceptionDispatchInfo? _error;
    private WakerSlot _joinWaker;

    protected TaskCore(IFuture<T> future) => _future = future;

    /// <summary>Stores the waker to wake on completion (one waiter; a new waker replaces an old one).</summary>
    public void RegisterJoinWaker(Waker waker) => _joinWaker.Register(waker);

    /// <summary>
    /// The outcome of a completed task: its value, or the exception that faulted it (the future's own exception,
    /// or an <see cref="OperationCanceledException"/> when aborted). Only valid once <see cref="TaskCore.IsCompleted"/>.
    /// </summary>
    public T GetResult(out ExceptionDispatchInfo? error)
    {
        error = _error;
        return _result;
    }

    /// <inheritdoc />
    protected sealed override bool PollFuture()
    {
        try
        {
            var poll = _future!.Poll(new Context(this));
            if (poll.IsPending) return false;
            _result = poll.Value;
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
        }
        _future = null;
        return true;
    }

    /// <inheritdoc />
    protected sealed override void DropFuture()
    {
        var future = _future;
        _future = null;
        _error = ExceptionDispatchInfo.Capture(new OperationCanceledException(AbortMessage));
        try
        {
            // The future is dropped mid-flight: let it release what it registered (a channel slot, a timer).
            (future as IDisposable)?.Dispose();
        }
        catch (Exception e)
        {
            _error = ExceptionDispatchInfo.Capture(e);
        }
    }

    /// <summary>The message of the <see cref="OperationCanceledException"/> an aborted task completes with.</summary>
    protected virtual string AbortMessage => "The task was aborted before it completed.";

    /// <inheritdoc />
    protected override void OnCompleted() => _joinWaker.Wake();
}
