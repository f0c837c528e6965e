using System.Collections.Generic;
using Wakers;

namespace Heldout2.LocalListPublishedOk;

// Copy-on-write waiter list: a new list with this waker is built in a local and then published to the field.
public sealed class Notify : IFuture<Unit>
{
    private readonly object _gate = new();
    private List<Waker> _waiters = new();
    private bool _notified;

    public void NotifyAll()
    {
        List<Waker> ws;
        lock (_gate) { _notified = true; ws = _waiters; _waiters = new List<Waker>(); }
        foreach (var w in ws) w.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_notified) return Poll<Unit>.Ready(Unit.Value);
            var waiters = new List<Waker>(_waiters) { cx.Waker };
            _waiters = waiters;
            return Poll<Unit>.Pending;
        }
    }
}
