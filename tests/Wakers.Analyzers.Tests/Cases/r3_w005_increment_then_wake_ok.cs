using System.Threading;
using Wakers;

namespace Heldout3.IncrementThenWakeOk;

// Release counts the permit first and only then takes and wakes the parked waiter.
public sealed class Permits : IFuture<Unit>
{
    private Waker? _waiter;
    private int _available;

    public void Release()
    {
        Interlocked.Increment(ref _available);
        Interlocked.Exchange(ref _waiter, null)?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        Volatile.Write(ref _waiter, cx.Waker);
        return Volatile.Read(ref _available) > 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
