using System.Collections.Generic;
using Wakers;

namespace Heldout3.ListDrainWakeOk;

// Close copies the waiter list, clears it and wakes every waiter outside the lock.
public sealed class Notify
{
    private readonly object _gate = new();
    private readonly List<Waker> _waiters = new();
    private bool _closed;

    public void Close()
    {
        Waker[] ws;
        lock (_gate)
        {
            _closed = true;
            ws = _waiters.ToArray();
            _waiters.Clear();
        }
        foreach (var w in ws) w.Wake();
    }

    public Poll<Unit> PollClosed(Context cx)
    {
        lock (_gate)
        {
            if (_closed) return Poll<Unit>.Ready(Unit.Value);
            _waiters.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }
}
