using System.Threading;
using Wakers;

namespace Heldout.WillWakeVolatileOk;

// A lock-free slot refreshed whenever the stored waker would not wake this task, then a re-check after a full fence.
public sealed class Latch : IFuture<Unit>
{
    private Waker? _waker;
    private int _open;

    public void Open()
    {
        Interlocked.Exchange(ref _open, 1);
        Volatile.Read(ref _waker)?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (Volatile.Read(ref _open) == 1) return Poll<Unit>.Ready(Unit.Value);
        var current = Volatile.Read(ref _waker);
        if (current is null || !current.WillWake(cx.Waker))
            Interlocked.Exchange(ref _waker, cx.Waker);
        if (Volatile.Read(ref _open) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
