using System.Threading;
using Wakers;

namespace Heldout.AtomicWakerWakeFirst;

// futures-rs AtomicWaker misuse: wake() before the flag is stored.
public sealed class Flag : IFuture<Unit>
{
    private readonly AtomicWaker _waker = new();
    private int _set;

    public void Set()
    {
        _waker.Wake(); // expect: WAKE005
        Volatile.Write(ref _set, 1);
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
        _waker.Register(cx.Waker);
        if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
