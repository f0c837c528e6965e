using System.Threading;
using Wakers;

namespace Heldout2.MonitorStoreFirst;

// The same order with Monitor.Enter/Exit: under the monitor the early store closes no race.
public sealed class Latch : IFuture<Unit>
{
    private readonly object _sync = new();
    private bool _open;
    private Waker? _waiter;

    public void Open()
    {
        Waker? w;
        Monitor.Enter(_sync);
        try { _open = true; w = _waiter; _waiter = null; }
        finally { Monitor.Exit(_sync); }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        var taken = false;
        try
        {
            Monitor.Enter(_sync, ref taken);
            _waiter = cx.Waker; // expect: WAKE009
            return _open ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
        }
        finally
        {
            if (taken) Monitor.Exit(_sync);
        }
    }
}
