using System.Collections.Generic;
using Wakers;

namespace Heldout2.LocalListOnly;

// The waiter list is built in a local and never published: Notify finds the field still empty.
public sealed class Notify : IFuture<Unit>
{
    private readonly object _gate = new();
    private List<Waker> _waiters = new();
    private bool _notified;

    public void NotifyAll()
    {
        Waker[] ws;
        lock (_gate) { _notified = true; ws = _waiters.ToArray(); _waiters.Clear(); }
        foreach (var w in ws) w.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_notified) return Poll<Unit>.Ready(Unit.Value);
            var waiters = new List<Waker>(_waiters) { cx.Waker };
            return Poll<Unit>.Pending; // expect: WAKE001
        }
    }
}
