using System.Threading;
using Wakers;

namespace Heldout.RegisterFirstLockFreeOk;

// Register-then-check without a lock (the AtomicWaker order): race-free, and not WAKE009.
public sealed class Countdown : IFuture<Unit>
{
    private readonly AtomicWaker _waker = new();
    private int _remaining;

    public Countdown(int n) => _remaining = n;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0) _waker.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waker.Register(cx.Waker);
        if (Volatile.Read(ref _remaining) <= 0) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
