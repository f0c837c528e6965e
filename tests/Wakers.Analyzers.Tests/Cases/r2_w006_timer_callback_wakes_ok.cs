using System;
using System.Threading;
using Wakers;

namespace Heldout2.TimerCallbackWakesOk;

// The same deadline done right: the callback publishes under the lock and wakes the stored waker after it.
public sealed class Deadline : IFuture<Unit>, IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private bool _expired;
    private Waker? _waiter;

    public Deadline(TimeSpan after)
    {
        _timer = new Timer(_ =>
        {
            Waker? w;
            lock (_gate) { _expired = true; w = _waiter; _waiter = null; }
            w?.Wake();
        }, null, after, Timeout.InfiniteTimeSpan);
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_expired) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }

    public void Dispose() => _timer.Dispose();
}
