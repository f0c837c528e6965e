using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Scheduling;

namespace Wakers.Interop;

/// <summary>
/// A future over a <see cref="Task"/>: Ready once the task completed, with its result or its exception (as
/// <c>await</c> would throw it). While the task runs, the poll registers <c>cx.Waker</c>, hooks one continuation
/// that wakes it, then checks the task again, so a completion racing the poll is never lost.
/// </summary>
internal abstract class TaskFuture<T> : IFuture<T>
{
    private readonly Task _task;
    private readonly AtomicWaker _waker = new();
    private int _continuationHooked;
    private bool _done;

    protected TaskFuture(Task task) => _task = task;

    /// <summary>The completed task's result, or its exception thrown as <c>await</c> would.</summary>
    protected abstract T GetResult();

    public Poll<T> Poll(Context cx)
    {
        if (_done) throw new InvalidOperationException("The future of a Task was polled after it returned Ready.");
        if (_task.IsCompleted) return Finish();
        _waker.Register(cx.Waker);
        HookContinuation();
        if (_task.IsCompleted) return Finish();
        return Poll<T>.Pending;
    }

    private void HookContinuation()
    {
        if (Interlocked.Exchange(ref _continuationHooked, 1) != 0) return;
        // No ExecutionContext flow and no SynchronizationContext: the continuation only wakes.
        _task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(WakeOnCompletion);
    }

    // Runs on the thread completing the Task (or a pool thread): a waker's exception is reported, never thrown there.
    private void WakeOnCompletion() => _waker.Take().WakeIsolated();

    private Poll<T> Finish()
    {
        _done = true;
        return Poll<T>.Ready(GetResult());
    }
}

/// <summary>The future of a <see cref="Task{TResult}"/>.</summary>
internal sealed class ResultTaskFuture<T> : TaskFuture<T>
{
    private readonly Task<T> _task;

    public ResultTaskFuture(Task<T> task)
        : base(task) => _task = task;

    protected override T GetResult() => _task.GetAwaiter().GetResult();
}

/// <summary>The future of a <see cref="Task"/> without a result.</summary>
internal sealed class UnitTaskFuture : TaskFuture<Unit>
{
    private readonly Task _task;

    public UnitTaskFuture(Task task)
        : base(task) => _task = task;

    protected override Unit GetResult()
    {
        _task.GetAwaiter().GetResult();
        return Unit.Value;
    }
}
