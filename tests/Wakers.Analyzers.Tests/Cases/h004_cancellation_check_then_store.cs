using System.Threading;
using Wakers;

namespace Heldout.CancellationCheckThenStore;

// A cancellation future: the token callback wakes the stored waker, but the poll checks the flag before storing and never re-checks.
public sealed class WhenCancelled : IFuture<Unit>
{
    private volatile bool _cancelled;
    private volatile Waker? _waiter;

    public WhenCancelled(CancellationToken token)
    {
        token.Register(() =>
        {
            _cancelled = true;
            _waiter?.Wake();
        });
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (_cancelled) return Poll<Unit>.Ready(Unit.Value);
        _waiter = cx.Waker; // expect: WAKE004
        return Poll<Unit>.Pending;
    }
}
