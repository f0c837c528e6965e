using System.Threading;
using Wakers;

namespace Heldout3.InterlockedAndClearOk;

// Ack clears the ready bit with Interlocked.And: clearing it cannot make the poll Ready.
public sealed class Doorbell : IFuture<Unit>
{
    private const int RingBit = 1;
    private readonly AtomicWaker _waiter = new();
    private int _flags;

    public void Ring()
    {
        Interlocked.Or(ref _flags, RingBit);
        _waiter.Wake();
    }

    public void Ack()
    {
        Interlocked.And(ref _flags, ~RingBit);
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return (Volatile.Read(ref _flags) & RingBit) != 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
