using System.Threading;
using Wakers;

namespace Heldout2.ComputedPropertyCheck;

// Readiness behind a computed property: the property is read, then the waker stored, with no re-check.
public sealed class Latch : IFuture<Unit>
{
    private int _count;
    private Waker? _waiter;

    public Latch(int count) => _count = count;

    public bool IsOpen => Volatile.Read(ref _count) <= 0;

    public void CountDown()
    {
        if (Interlocked.Decrement(ref _count) == 0) Volatile.Read(ref _waiter)?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (IsOpen) return Poll<Unit>.Ready(Unit.Value);
        Interlocked.Exchange(ref _waiter, cx.Waker); // expect: WAKE004
        return Poll<Unit>.Pending;
    }
}
