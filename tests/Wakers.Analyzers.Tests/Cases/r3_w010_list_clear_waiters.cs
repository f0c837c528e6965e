using System.Collections.Generic;
using Wakers;

namespace Heldout3.ListClearWaiters;

// A notifier with many waiters: Reset empties the waiter list and strands every parked task.
public sealed class Notify
{
    private readonly object _gate = new();
    private readonly List<Waker> _waiters = new();
    private bool _notified;

    public void NotifyAll()
    {
        List<Waker> ws;
        lock (_gate) { _notified = true; ws = new List<Waker>(_waiters); _waiters.Clear(); }
        foreach (var w in ws) w.Wake();
    }

    public void Reset()
    {
        lock (_gate)
        {
            _notified = false;
            _waiters.Clear(); // expect: WAKE010
        }
    }

    public Poll<Unit> PollNotified(Context cx)
    {
        lock (_gate)
        {
            if (_notified) return Poll<Unit>.Ready(Unit.Value);
            _waiters.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }
}
