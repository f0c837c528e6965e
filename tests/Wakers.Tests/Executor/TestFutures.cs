using System;
using System.Threading;
using System.Threading.Tasks;

namespace Wakers.Tests.Executors;

/// <summary>A one-shot flag as a future: Ready once <see cref="Set"/> ran, from any thread. Counts its polls.</summary>
internal sealed class SignalFuture : IFuture<Unit>
{
    private readonly AtomicWaker _waker = new();
    private int _set;
    private int _polls;

    public int Polls => Volatile.Read(ref _polls);

    public bool IsSet => Volatile.Read(ref _set) != 0;

    public void Set()
    {
        Volatile.Write(ref _set, 1);
        _waker.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        Interlocked.Increment(ref _polls);
        if (IsSet) return Poll<Unit>.Ready(Unit.Value);
        _waker.Register(cx.Waker);
        if (IsSet) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}

/// <summary>Ready with <see cref="Value"/> once <see cref="Signal"/> was called <c>needed</c> times, from any threads.</summary>
internal sealed class CountdownFuture : IFuture<int>
{
    private readonly AtomicWaker _waker = new();
    private readonly int _needed;
    private int _signals;
    private int _readyReturns;

    public CountdownFuture(int value, int needed)
    {
        Value = value;
        _needed = needed;
    }

    public int Value { get; }

    /// <summary>How many times the poll returned Ready (a correct executor makes it exactly one).</summary>
    public int ReadyReturns => Volatile.Read(ref _readyReturns);

    public void Signal()
    {
        Interlocked.Increment(ref _signals);
        _waker.Wake();
    }

    /// <summary>A wake without progress: the task polls again and finds nothing new.</summary>
    public void SpuriousWake() => _waker.Wake();

    public Poll<int> Poll(Context cx)
    {
        if (Volatile.Read(ref _signals) >= _needed) return Ready();
        _waker.Register(cx.Waker);
        if (Volatile.Read(ref _signals) >= _needed) return Ready();
        return Poll<int>.Pending;
    }

    private Poll<int> Ready()
    {
        Interlocked.Increment(ref _readyReturns);
        return Poll<int>.Ready(Value);
    }
}

/// <summary>A future driven by hand: keeps the latest waker (refreshed unless it will wake the same task).</summary>
internal sealed class ManualFuture<T> : IFuture<T>
{
    private readonly object _gate = new();
    private Waker? _waker;
    private bool _ready;
    private T _value = default!;
    private int _polls;

    public int Polls => Volatile.Read(ref _polls);

    public Waker? Waker
    {
        get
        {
            lock (_gate) return _waker;
        }
    }

    public void Complete(T value)
    {
        Waker? toWake;
        lock (_gate)
        {
            _value = value;
            _ready = true;
            toWake = _waker;
            _waker = null;
        }
        toWake?.Wake();
    }

    public Poll<T> Poll(Context cx)
    {
        Interlocked.Increment(ref _polls);
        lock (_gate)
        {
            if (_ready) return Poll<T>.Ready(_value);
            if (_waker is null || !_waker.WillWake(cx.Waker)) _waker = cx.Waker;
            return Poll<T>.Pending;
        }
    }
}

/// <summary>A future whose poll throws.</summary>
internal sealed class ThrowingFuture<T> : IFuture<T>
{
    private readonly Exception _exception;

    public ThrowingFuture(Exception exception) => _exception = exception;

    public Poll<T> Poll(Context cx) => ThrowFromPoll();

    private Poll<T> ThrowFromPoll() => throw _exception;
}

/// <summary>A future that is Ready with its value on the first poll.</summary>
internal sealed class ReadyFuture<T> : IFuture<T>
{
    private readonly T _value;

    public ReadyFuture(T value) => _value = value;

    public Poll<T> Poll(Context cx) => Poll<T>.Ready(_value);
}

/// <summary>Wakes itself and returns Pending until it was polled <c>polls</c> times (a yield loop).</summary>
internal sealed class YieldingFuture : IFuture<int>
{
    private readonly int _pollsUntilReady;
    private int _polls;

    public YieldingFuture(int pollsUntilReady) => _pollsUntilReady = pollsUntilReady;

    public int Polls => Volatile.Read(ref _polls);

    public Poll<int> Poll(Context cx)
    {
        if (Interlocked.Increment(ref _polls) >= _pollsUntilReady) return Poll<int>.Ready(_polls);
        cx.Waker.Wake();
        return Poll<int>.Pending;
    }
}

/// <summary>A never-ready future that records whether it was disposed (to see an aborted task drop it).</summary>
internal sealed class DisposableNeverFuture : IFuture<int>, IDisposable
{
    private int _disposed;

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public Poll<int> Poll(Context cx) => Poll<int>.Pending;

    public void Dispose() => Volatile.Write(ref _disposed, 1);
}

/// <summary>A waker that counts its wakes; a test can wait for a number of them (wakes may arrive on another thread).</summary>
internal sealed class CountingWaker : Waker
{
    private readonly object _gate = new();
    private int _wakes;

    public int Wakes => Volatile.Read(ref _wakes);

    public override void Wake()
    {
        lock (_gate)
        {
            _wakes++;
            Monitor.PulseAll(_gate);
        }
    }

    /// <summary>Waits until woken at least <paramref name="count"/> times; fails the test instead of hanging.</summary>
    public void WaitForWakes(int count)
    {
        lock (_gate)
        {
            while (_wakes < count)
                Xunit.Assert.True(Monitor.Wait(_gate, HangGuard.Timeout), $"hung: expected {count} wakes, saw {_wakes}");
        }
    }
}

internal static class HangGuard
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="body"/> on a thread-pool thread; fails clearly instead of hanging the test run.</summary>
    public static T Run<T>(Func<T> body, string what)
    {
        var task = Task.Factory.StartNew(body, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Xunit.Assert.True(((IAsyncResult)task).AsyncWaitHandle.WaitOne(Timeout), $"hung: {what} did not finish within {Timeout.TotalSeconds} s");
        // Rethrows the body's own exception, not an AggregateException.
        return task.GetAwaiter().GetResult();
    }

    public static void Wait(Task task, string what) =>
        Xunit.Assert.True(task.Wait(Timeout), $"hung: {what} did not finish within {Timeout.TotalSeconds} s");
}
