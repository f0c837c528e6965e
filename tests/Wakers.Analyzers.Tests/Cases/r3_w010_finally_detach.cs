using System;
using Wakers;

namespace Heldout3.FinallyDetach;

// Reconnect drops the parked waker in a finally block without waking it.
public sealed class Connection : IFuture<bool>
{
    private readonly object _gate = new();
    private bool _open;
    private Waker? _waiter;

    public void Open()
    {
        Waker? w;
        lock (_gate) { _open = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public void Reconnect(Action handshake)
    {
        try
        {
            handshake();
        }
        finally
        {
            lock (_gate) { _waiter = null; } // expect: WAKE010
        }
    }

    public Poll<bool> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_open) return Poll<bool>.Ready(true);
            _waiter = cx.Waker;
            return Poll<bool>.Pending;
        }
    }
}
