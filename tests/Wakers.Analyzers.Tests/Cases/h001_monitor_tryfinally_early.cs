using System.Threading;
using Wakers;

namespace Heldout.MonitorTryFinallyEarly;

// Monitor.Enter/try/finally: when the value is "reserved" by another reader, the poll returns Pending without a waker.
public sealed class Slot : IFuture<string>
{
    private readonly object _gate = new();
    private string? _value;
    private bool _reserved;
    private Waker? _waiter;

    public Poll<string> Poll(Context cx)
    {
        Monitor.Enter(_gate);
        try
        {
            if (_value is { } v && !_reserved) return Poll<string>.Ready(v);
            if (_reserved) return Poll<string>.Pending; // expect: WAKE001
            _waiter = cx.Waker;
            return Poll<string>.Pending;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }

    public void Put(string value)
    {
        Waker? w;
        Monitor.Enter(_gate);
        try { _value = value; _reserved = false; w = _waiter; _waiter = null; }
        finally { Monitor.Exit(_gate); }
        w?.Wake();
    }
}
