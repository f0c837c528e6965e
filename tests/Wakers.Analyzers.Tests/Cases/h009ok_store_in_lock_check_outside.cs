using System.Threading;
using Wakers;

namespace Heldout.StoreInLockCheckOutsideOk;

// The waker is stored under a lock, but the flag is re-read after the lock is released: no lock spans both, not WAKE009.
public sealed class Event : IFuture<Unit>
{
    private readonly object _gate = new();
    private int _set;
    private Waker? _waiter;

    public void Set()
    {
        Interlocked.Exchange(ref _set, 1);
        Waker? w;
        lock (_gate) { w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate) { _waiter = cx.Waker; }
        if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
