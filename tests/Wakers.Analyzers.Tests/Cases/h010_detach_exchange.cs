using System.Threading;
using Wakers;

namespace Heldout.DetachExchange;

// Detach takes the waker out of its slot and throws it away: the task waiting on the flag is stranded.
public sealed class Signal : IFuture<Unit>
{
    private Waker? _waker;
    private int _fired;

    public void Fire()
    {
        Interlocked.Exchange(ref _fired, 1);
        Interlocked.Exchange(ref _waker, null)?.Wake();
    }

    public void Detach()
    {
        Interlocked.Exchange(ref _waker, null); // expect: WAKE010
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (Volatile.Read(ref _fired) == 1) return Poll<Unit>.Ready(Unit.Value);
        Interlocked.Exchange(ref _waker, cx.Waker);
        if (Volatile.Read(ref _fired) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
