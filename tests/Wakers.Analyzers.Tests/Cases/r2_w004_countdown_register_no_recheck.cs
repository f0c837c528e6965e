using System.Threading;
using Wakers;

namespace Heldout2.CountdownRegisterNoRecheck;

// A countdown latch: AtomicWaker.Register is called after the count is read, and the count is not
// read again, so the last Signal can slip in between and wake an empty AtomicWaker.
public sealed class Countdown : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private int _remaining;

    public Countdown(int count) => _remaining = count;

    public void Signal()
    {
        if (Interlocked.Decrement(ref _remaining) == 0) _waiter.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (Volatile.Read(ref _remaining) <= 0) return Poll<Unit>.Ready(Unit.Value);
        _waiter.Register(cx.Waker); // expect: WAKE004
        return Poll<Unit>.Pending;
    }
}
