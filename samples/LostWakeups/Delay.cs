using System;
using System.Threading;
using Wakers;

namespace LostWakeups;

/// <summary>A timer future: completes once its duration has passed.</summary>
public sealed class Delay : IFuture<Unit>
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private bool _elapsed;
    private Waker? _waiter;

    public Delay(TimeSpan duration) => _timer = new Timer(_ => Elapse(), null, duration, Timeout.InfiniteTimeSpan);

    private void Elapse()
    {
        Waker? waiter;
        lock (_gate) { _elapsed = true; waiter = _waiter; _waiter = null; }
        waiter?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_elapsed) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker; // the timer wakes whoever polled last
            return Poll<Unit>.Pending;
        }
    }
}

/// <summary>The same timer with the registration forgotten: the timer fires, finds no waker, and the task sleeps forever.</summary>
public sealed class ForgetfulDelay : IFuture<Unit>
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private bool _elapsed;
    private Waker? _waiter;

    public ForgetfulDelay(TimeSpan duration) => _timer = new Timer(_ => Elapse(), null, duration, Timeout.InfiniteTimeSpan);

    private void Elapse()
    {
        Waker? waiter;
        lock (_gate) { _elapsed = true; waiter = _waiter; _waiter = null; }
        waiter?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_elapsed) return Poll<Unit>.Ready(Unit.Value);
            return Poll<Unit>.Pending; // BUG WAKE001: returns Pending without storing cx.Waker
        }
    }
}
