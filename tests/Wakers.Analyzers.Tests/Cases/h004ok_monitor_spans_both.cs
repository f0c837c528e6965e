using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout.MonitorSpansBothOk;

// An async mutex: Monitor.Enter ... Exit around both the check and the enqueue of the waiter.
public sealed class AsyncMutex
{
    private readonly object _gate = new();
    private readonly Queue<Waker> _waiters = new();
    private bool _locked;

    public Poll<Unit> PollLock(Context cx)
    {
        Monitor.Enter(_gate);
        try
        {
            if (!_locked) { _locked = true; return Poll<Unit>.Ready(Unit.Value); }
            _waiters.Enqueue(cx.Waker);
            return Poll<Unit>.Pending;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    public void Unlock()
    {
        Waker? next = null;
        Monitor.Enter(_gate);
        try
        {
            _locked = false;
            _waiters.TryDequeue(out next);
        }
        finally
        {
            Monitor.Exit(_gate);
        }
        next?.Wake();
    }
}
