using Wakers;

namespace Heldout2.RefreshInHelperOk;

// The refresh idiom lives in a private helper that every Pending path calls.
public sealed class Barrier : IFuture<Unit>
{
    private readonly object _gate = new();
    private int _remaining;
    private Waker? _waiter;

    public Barrier(int parties) => _remaining = parties;

    public void Arrive()
    {
        Waker? w = null;
        lock (_gate)
        {
            if (--_remaining == 0) { w = _waiter; _waiter = null; }
        }
        w?.Wake();
    }

    private void Park(Waker waker)
    {
        if (_waiter is null || !_waiter.WillWake(waker)) _waiter = waker;
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_remaining <= 0) return Poll<Unit>.Ready(Unit.Value);
            Park(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }
}
