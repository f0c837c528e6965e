using System.Collections.Generic;
using Wakers;

namespace Heldout.SemaphoreFairnessBranch;

// tokio semaphore: permits are available but older waiters are queued, so a new acquirer must wait; that branch never enqueues itself.
public sealed class FairSemaphore
{
    private readonly object _gate = new();
    private readonly Queue<Waker> _waiters = new();
    private int _permits;

    public FairSemaphore(int permits) => _permits = permits;

    public Poll<Unit> PollAcquire(Context cx)
    {
        lock (_gate)
        {
            if (_permits > 0 && _waiters.Count == 0)
            {
                _permits--;
                return Poll<Unit>.Ready(Unit.Value);
            }
            if (_permits > 0)
            {
                return Poll<Unit>.Pending; // expect: WAKE001
            }
            _waiters.Enqueue(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }

    public void Release()
    {
        Waker? w = null;
        lock (_gate)
        {
            _permits++;
            if (_waiters.Count > 0) w = _waiters.Dequeue();
        }
        w?.Wake();
    }
}
