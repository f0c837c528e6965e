using System;
using Wakers;

namespace Heldout.DisposeAndCtorOk;

// A future's constructor may preset the state and its own Dispose may drop the waker without waking it.
public sealed class Lease : IFuture<int>, IDisposable
{
    private readonly object _gate = new();
    private int? _grant;
    private Waker? _waiter;

    public Lease(int? preset) { _grant = preset; }

    public void Grant(int id)
    {
        Waker? w;
        lock (_gate) { _grant = id; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_grant is int g) return Poll<int>.Ready(g);
            _waiter = cx.Waker;
            return Poll<int>.Pending;
        }
    }

    public void Dispose()
    {
        lock (_gate) { _waiter = null; }
    }
}
