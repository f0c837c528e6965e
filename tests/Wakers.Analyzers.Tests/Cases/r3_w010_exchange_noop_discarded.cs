using System.Threading;
using Wakers;

namespace Heldout3.ExchangeNoopDiscarded;

// Detach swaps a no-op waker into the slot and throws the old one away.
public sealed class Watch : IFuture<Unit>
{
    private Waker _waiter = Waker.Noop;
    private volatile bool _changed;

    public void Change()
    {
        _changed = true;
        Interlocked.Exchange(ref _waiter, Waker.Noop).Wake();
    }

    public void Detach()
    {
        Interlocked.Exchange(ref _waiter, Waker.Noop); // expect: WAKE010
    }

    public Poll<Unit> Poll(Context cx)
    {
        Volatile.Write(ref _waiter, cx.Waker);
        return _changed ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
