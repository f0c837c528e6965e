using System.Threading;
using Wakers;

namespace Heldout2.InterlockedOrFlags;

// State bits in one int: Complete sets its bit and wakes, Close sets the closed bit and does not.
public sealed class Pipe : IFuture<bool>
{
    private const int CompleteBit = 1, ClosedBit = 2;
    private readonly AtomicWaker _waiter = new();
    private int _flags;

    public void Complete()
    {
        Interlocked.Or(ref _flags, CompleteBit);
        _waiter.Wake();
    }

    public void Close()
    {
        Interlocked.Or(ref _flags, ClosedBit); // expect: WAKE006
    }

    public Poll<bool> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        var flags = Volatile.Read(ref _flags);
        if ((flags & CompleteBit) != 0) return Poll<bool>.Ready(true);
        if ((flags & ClosedBit) != 0) return Poll<bool>.Ready(false);
        return Poll<bool>.Pending;
    }
}
