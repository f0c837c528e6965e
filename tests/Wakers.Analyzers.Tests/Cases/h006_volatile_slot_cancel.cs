using System.Threading;
using Wakers;

namespace Heldout.VolatileSlotCancel;

// The poll keeps its waker with Volatile.Write; Abort publishes the aborted flag and wakes nobody.
public sealed class Transfer : IFuture<bool>
{
    private Waker? _waiter;
    private int _done;
    private int _aborted;

    public void Finish()
    {
        Volatile.Write(ref _done, 1);
        Volatile.Read(ref _waiter)?.Wake();
    }

    public void Abort()
    {
        Volatile.Write(ref _aborted, 1); // expect: WAKE006
    }

    public Poll<bool> Poll(Context cx)
    {
        Volatile.Write(ref _waiter, cx.Waker);
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _aborted) == 1) return Poll<bool>.Ready(false);
        if (Volatile.Read(ref _done) == 1) return Poll<bool>.Ready(true);
        return Poll<bool>.Pending;
    }
}
