using System.Threading;
using Wakers;

namespace Heldout.CompareExchangeNull;

// A lock-free slot that installs the waker only when empty (CompareExchange against null): later polls from a new task are ignored.
public sealed class Ping : IFuture<Unit>
{
    private Waker? _waker;
    private int _pinged;

    public void Fire()
    {
        Volatile.Write(ref _pinged, 1);
        Volatile.Read(ref _waker)?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (Volatile.Read(ref _pinged) == 1) return Poll<Unit>.Ready(Unit.Value);
        Interlocked.CompareExchange(ref _waker, cx.Waker, null); // expect: WAKE002
        if (Volatile.Read(ref _pinged) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
