using System.Threading;
using Wakers;

namespace Heldout3.CountdownDecrement;

// A countdown latch: Signal brings the count to zero but never wakes the waiting task.
public sealed class Latch : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private int _remaining;

    public Latch(int count) => _remaining = count;

    public void Signal()
    {
        Interlocked.Decrement(ref _remaining); // expect: WAKE006
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return Volatile.Read(ref _remaining) == 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
