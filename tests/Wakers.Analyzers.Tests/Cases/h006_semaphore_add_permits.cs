using System.Collections.Generic;
using Wakers;

namespace Heldout.SemaphoreAddPermits;

// tokio semaphore: add_permits raises the count but forgets to hand the permits to queued waiters.
public sealed class Semaphore
{
    private readonly object _gate = new();
    private readonly LinkedList<Waker> _waiters = new();
    private int _permits;

    public Poll<Unit> PollAcquire(Context cx)
    {
        lock (_gate)
        {
            if (_permits > 0) { _permits--; return Poll<Unit>.Ready(Unit.Value); }
            _waiters.AddLast(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }

    public void Release()
    {
        Waker? w = null;
        lock (_gate)
        {
            _permits++;
            if (_waiters.First is { } first) { w = first.Value; _waiters.RemoveFirst(); }
        }
        w?.Wake();
    }

    public void AddPermits(int n)
    {
        lock (_gate)
        {
            _permits += n; // expect: WAKE006
        }
    }
}
