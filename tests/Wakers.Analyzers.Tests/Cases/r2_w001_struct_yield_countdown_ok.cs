using Wakers;

namespace Heldout2.StructYieldCountdownOk;

// A struct future that yields a fixed number of times, waking itself before each Pending.
public struct YieldTimes : IFuture<Unit>
{
    private int _left;

    public YieldTimes(int times) => _left = times;

    public Poll<Unit> Poll(Context cx)
    {
        if (_left-- <= 0) return Poll<Unit>.Ready(Unit.Value);
        cx.Waker.Wake();
        return Poll<Unit>.Pending;
    }
}
