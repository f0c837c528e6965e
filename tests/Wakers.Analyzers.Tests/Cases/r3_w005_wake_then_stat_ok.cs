using System.Threading;
using Wakers;

namespace Heldout3.WakeThenStatOk;

// Set publishes, wakes, and then bumps a statistics counter the poll never reads.
public sealed class Flag : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private int _set;
    private long _wakeups;

    public long Wakeups => Interlocked.Read(ref _wakeups);

    public void Set()
    {
        Volatile.Write(ref _set, 1);
        _waiter.Wake();
        Interlocked.Increment(ref _wakeups);
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return Volatile.Read(ref _set) == 1 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
