using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Interop;
using Wakers.Scheduling;

namespace Wakers;

/// <summary>
/// The handle of a spawned task (<see cref="Executor.Spawn{T}"/>, <see cref="LocalExecutor.Spawn{T}"/>): a future that
/// is Ready with the task's result once it completes. Await it from a future by polling it, from <c>async</c> code with
/// <c>await handle</c> (see <see cref="GetAwaiter"/>), or block on it with <see cref="Executor.BlockOn{T}"/>.
/// </summary>
/// <remarks>
/// <para>When the task's future threw, polling the handle rethrows that exception with its original stack trace
/// (through <see cref="System.Runtime.ExceptionServices.ExceptionDispatchInfo"/>). When the task was aborted
/// (<see cref="Abort"/>, or its executor was disposed), polling throws <see cref="OperationCanceledException"/>.</para>
/// <para>One waiter: the handle is polled by one task at a time, and the result is taken once. The waker of the latest
/// poll is the one woken on completion, as for any future. Handles shared across threads stay safe: when polls (or
/// <see cref="AsTask"/>) race for a completed task, exactly one gets the result and the others throw
/// <see cref="InvalidOperationException"/>.</para>
/// </remarks>
public sealed class JoinHandle<T> : IFuture<T>
{
    private const int Waiting = 0;
    private const int Taken = 1;
    private const int ConvertedToTask = 2;

    private readonly TaskCore<T> _task;
    private int _use;
    private TaskCompletionBridge<T>? _bridge;

    internal JoinHandle(TaskCore<T> task) => _task = task;

    /// <summary>Whether the task finished: completed with a value, faulted, or aborted.</summary>
    public bool IsCompleted => _task.IsCompleted;

    /// <summary>
    /// Asks the task to stop: its future is dropped (and disposed when it is <see cref="IDisposable"/>) instead of
    /// polled again, and the handle completes with <see cref="OperationCanceledException"/>. A poll already running
    /// finishes first, and a task that completes in it keeps its result. Does nothing after completion.
    /// </summary>
    public void Abort() => _task.Abort();

    /// <summary>Ready with the task's result once it completed; else stores <c>cx.Waker</c> to be woken on completion.</summary>
    /// <exception cref="InvalidOperationException">The handle already returned Ready, or was turned into a Task by <see cref="AsTask"/>.</exception>
    /// <exception cref="OperationCanceledException">The task was aborted.</exception>
    public Poll<T> Poll(Context cx)
    {
        ThrowIfNotWaiting(Volatile.Read(ref _use));
        if (_task.IsCompleted) return Take();
        _task.RegisterJoinWaker(cx.Waker);
        // A completion between the check above and the registration woke no one: check again.
        if (_task.IsCompleted) return Take();
        return Poll<T>.Pending;
    }

    /// <summary>
    /// A <see cref="Task{TResult}"/> that completes with the task (faulted with its exception; cancelled when it was
    /// aborted or threw an <see cref="OperationCanceledException"/>). Takes over the handle: later polls throw, and
    /// every call returns the same Task.
    /// </summary>
    /// <exception cref="InvalidOperationException">The handle already returned Ready.</exception>
    public Task<T> AsTask() => GetBridge().Task;

    internal TaskCompletionBridge<T> GetBridge()
    {
        if (Volatile.Read(ref _bridge) is { } existing) return existing;
        var use = Interlocked.CompareExchange(ref _use, ConvertedToTask, Waiting);
        if (use == Taken) throw new InvalidOperationException("The JoinHandle already returned Ready: its result was taken.");
        // Racing conversions each make a bridge; only the one published first is registered and returned.
        var bridge = new TaskCompletionBridge<T>(_task);
        if (Interlocked.CompareExchange(ref _bridge, bridge, null) is { } winner) return winner;
        _task.RegisterJoinWaker(bridge);
        // A completion before the registration woke no one: complete the Task now.
        if (_task.IsCompleted) bridge.Wake();
        return bridge;
    }

    /// <summary>Lets <c>async</c> code <c>await</c> the handle (through <see cref="AsTask"/>).</summary>
    public TaskAwaiter<T> GetAwaiter() => AsTask().GetAwaiter();

    private Poll<T> Take()
    {
        ThrowIfNotWaiting(Interlocked.CompareExchange(ref _use, Taken, Waiting));
        var value = _task.GetResult(out var error);
        error?.Throw();
        return Poll<T>.Ready(value);
    }

    private static void ThrowIfNotWaiting(int use)
    {
        if (use == Taken) throw new InvalidOperationException("The JoinHandle was polled after it returned Ready: a task's result is taken once.");
        if (use == ConvertedToTask) throw new InvalidOperationException("The JoinHandle was turned into a Task by AsTask: await that Task instead of polling the handle.");
    }
}
