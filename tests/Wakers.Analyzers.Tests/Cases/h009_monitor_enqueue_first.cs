using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout.MonitorEnqueueFirst;

// A semaphore whose acquire enqueues the waiter first and then checks the permits, all inside Monitor.Enter/Exit.
public sealed class Permits
{
    private readonly object _gate = new();
    private readonly Queue<Waker> _waiters = new();
    private int _available;

    public Poll<Unit> PollAcquire(Context cx)
    {
        Monitor.Enter(_gate);
        try
        {
            _waiters.Enqueue(cx.Waker); // expect: WAKE009
            if (_available > 0)
            {
                _available--;
                return Poll<Unit>.Ready(Unit.Value);
            }
            return Poll<Unit>.Pending;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    public void Release()
    {
        Waker? w;
        Monitor.Enter(_gate);
        try { _available++; _waiters.TryDequeue(out w); }
        finally { Monitor.Exit(_gate); }
        w?.Wake();
    }
}
