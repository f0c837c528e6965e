using System;
using System.Threading;
using Wakers;

namespace Heldout2.TimerCallbackInCtor;

// A deadline future whose timer callback (a lambda set up in the constructor) sets the flag but never
// wakes the task: the constructor's own writes are exempt, the callback's are not.
public sealed class Deadline : IFuture<Unit>, IDisposable
{
    private readonly object _gate = new();
    private readonly Timer _timer;
    private bool _expired;
    private Waker? _waiter;

    public Deadline(TimeSpan after)
    {
        _timer = new Timer(_ => { lock (_gate) { _expired = true; } }, null, after, Timeout.InfiniteTimeSpan); // expect: WAKE006
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
