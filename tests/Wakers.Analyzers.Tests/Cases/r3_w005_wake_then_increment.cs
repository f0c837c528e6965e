using System.Threading;
using Wakers;

namespace Heldout3.WakeThenIncrement;

// Release wakes the waiter before the permit is counted: the woken poll can still see zero.
public sealed class Permits : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private int _available;

    public void Release()
    {
        _waiter.Wake(); // expect: WAKE005
        Interlocked.Increment(ref _available);
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return Volatile.Read(ref _available) > 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
