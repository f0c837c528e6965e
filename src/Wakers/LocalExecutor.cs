using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Wakers.Scheduling;

namespace Wakers;

/// <summary>
/// A single-threaded executor for a loop you own (a UI or game loop, a test): spawned futures are polled only on
/// the thread that calls one of the run methods, one at a time. Wakes may come from any thread; they put the task
/// on a thread-safe run queue.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item><see cref="RunReady"/> polls each task runnable at the call once (one frame of a game loop).</item>
/// <item><see cref="RunUntilStalled"/> polls until no task is runnable (a task that wakes itself on every poll keeps it going).</item>
/// <item><see cref="RunUntil{T}"/> drives one future on the calling thread with the spawned tasks, parking while nothing can run.</item>
/// <item><see cref="Run"/> runs until every spawned task completed, parking while nothing can run.</item>
/// </list>
/// Only one run method runs at a time: calling one from another thread during a run, or from inside a poll, throws.
/// <see cref="Dispose"/> aborts the tasks that have not completed: their handles throw <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class LocalExecutor : IDisposable
{
    private readonly ConcurrentQueue<TaskCore> _runQueue = new();
    private readonly ThreadParker _parker = new();
    private readonly object _liveGate = new();
    private readonly HashSet<TaskCore> _live = new();
    private int _running;
    private bool _disposed;

    /// <summary>An executor with no tasks.</summary>
    public LocalExecutor()
    {
    }

    /// <summary>How many spawned tasks have not completed yet.</summary>
    public int TaskCount
    {
        get
        {
            lock (_liveGate) return _live.Count;
        }
    }

    /// <summary>
    /// Adds <paramref name="future"/> as a task, runnable at once; it is polled by the next run method. Thread-safe.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="ObjectDisposedException">The executor was disposed.</exception>
    public JoinHandle<T> Spawn<T>(IFuture<T> future)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        var task = new LocalTask<T>(this, future);
        lock (_liveGate)
        {
            ThrowIfDisposed();
            _live.Add(task);
        }
        var handle = new JoinHandle<T>(task);
        task.Start();
        return handle;
    }

    /// <summary>Polls each task that is runnable now, once; wakes that arrive meanwhile wait for the next call.</summary>
    /// <returns>How many polls ran.</returns>
    /// <exception cref="InvalidOperationException">Another run method is running (on another thread, or this call comes from a poll).</exception>
    /// <exception cref="ObjectDisposedException">The executor was disposed.</exception>
    public int RunReady()
    {
        EnterRun();
        try
        {
            return RunQueued(_runQueue.Count);
        }
        finally
        {
            ExitRun();
        }
    }

    /// <summary>Polls runnable tasks until none is runnable; never parks.</summary>
    /// <returns>How many polls ran.</returns>
    /// <exception cref="InvalidOperationException">Another run method is running (on another thread, or this call comes from a poll).</exception>
    /// <exception cref="ObjectDisposedException">The executor was disposed.</exception>
    public int RunUntilStalled()
    {
        EnterRun();
        try
        {
            return RunQueued(int.MaxValue);
        }
        finally
        {
            ExitRun();
        }
    }

    /// <summary>
    /// Polls <paramref name="future"/> on the calling thread, running the spawned tasks between its polls, until it
    /// is Ready; parks the thread while neither it nor a task can run. Tasks still pending when it returns stay spawned.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="InvalidOperationException">Another run method is running (on another thread, or this call comes from a poll).</exception>
    /// <exception cref="ObjectDisposedException">The executor was disposed.</exception>
    public T RunUntil<T>(IFuture<T> future)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        EnterRun();
        try
        {
            var mainWaker = new MainFutureWaker(_parker);
            var cx = new Context(mainWaker);
            while (true)
            {
                if (mainWaker.TakeWake())
                {
                    var poll = future.Poll(cx);
                    if (poll.IsReady) return poll.Value;
                }
                // Tasks queued now run before the main future is polled again, so neither starves the other.
                if (RunQueued(_runQueue.Count) == 0 && !mainWaker.IsWoken) _parker.Park();
            }
        }
        finally
        {
            ExitRun();
        }
    }

    /// <summary>Runs until every spawned task completed (including tasks they spawn), parking while none can run.</summary>
    /// <remarks>A task that is never woken again keeps this waiting: that is a lost wakeup in its future.</remarks>
    /// <exception cref="InvalidOperationException">Another run method is running (on another thread, or this call comes from a poll).</exception>
    /// <exception cref="ObjectDisposedException">The executor was disposed.</exception>
    public void Run()
    {
        EnterRun();
        try
        {
            while (TaskCount > 0)
            {
                if (RunQueued(int.MaxValue) == 0 && TaskCount > 0) _parker.Park();
            }
        }
        finally
        {
            ExitRun();
        }
    }

    /// <summary>Aborts every task that has not completed (their handles throw <see cref="OperationCanceledException"/>); later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <exception cref="InvalidOperationException">A run method is running.</exception>
    public void Dispose()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            throw new InvalidOperationException("The LocalExecutor cannot be disposed while one of its run methods is running.");
        try
        {
            TaskCore[] live;
            lock (_liveGate)
            {
                if (_disposed) return;
                _disposed = true;
                live = new TaskCore[_live.Count];
                _live.CopyTo(live);
            }
            foreach (var task in live) task.AbortNow();
            while (_runQueue.TryDequeue(out _))
            {
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    internal void Enqueue(TaskCore task)
    {
        _runQueue.Enqueue(task);
        _parker.Wake();
    }

    internal void Forget(TaskCore task)
    {
        lock (_liveGate) _live.Remove(task);
    }

    private int RunQueued(int limit)
    {
        var polls = 0;
        for (var i = 0; i < limit && _runQueue.TryDequeue(out var task); i++)
        {
            if (task.Run()) polls++;
        }
        return polls;
    }

    private void EnterRun()
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
            throw new InvalidOperationException("The LocalExecutor is already running: it runs on one thread at a time, and a poll cannot run it again.");
        lock (_liveGate)
        {
            if (!_disposed) return;
        }
        Volatile.Write(ref _running, 0);
        throw new ObjectDisposedException(nameof(LocalExecutor));
    }

    private void ExitRun() => Volatile.Write(ref _running, 0);

    private void ThrowIfDisposed()
    {
        if (_disposed) throw new ObjectDisposedException(nameof(LocalExecutor));
    }

    // The waker of RunUntil's own future: a flag the loop reads, plus an unpark.
    private sealed class MainFutureWaker : Waker
    {
        private readonly ThreadParker _parker;
        private int _woken = 1;

        public MainFutureWaker(ThreadParker parker) => _parker = parker;

        public bool IsWoken => Volatile.Read(ref _woken) != 0;

        public bool TakeWake() => Interlocked.Exchange(ref _woken, 0) != 0;

        public override void Wake()
        {
            Volatile.Write(ref _woken, 1);
            _parker.Wake();
        }
    }
}
