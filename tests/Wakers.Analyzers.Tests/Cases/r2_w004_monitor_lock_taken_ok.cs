using System.Threading;
using Wakers;

namespace Heldout2.MonitorLockTakenOk;

// Check and store under one Monitor region (the lockTaken pattern), and the producer publishes and takes
// the waker under the same monitor: nothing can slip between the check and the store.
public sealed class Gate : IFuture<Unit>
{
    private readonly object _sync = new();
    private bool _open;
    private Waker? _waiter;

    public void Open()
    {
        Waker? w;
        var taken = false;
        try
        {
            Monitor.Enter(_sync, ref taken);
            _open = true;
            w = _waiter;
            _waiter = null;
        }
        finally
        {
            if (taken) Monitor.Exit(_sync);
        }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        var taken = false;
        try
        {
            Monitor.Enter(_sync, ref taken);
            if (_open) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
        finally
        {
            if (taken) Monitor.Exit(_sync);
        }
    }
}
