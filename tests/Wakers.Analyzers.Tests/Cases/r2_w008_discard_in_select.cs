using Wakers;

namespace Heldout2.DiscardInSelect;

// A race that keeps polling the losing branch "so it registers", with the result dropped: when the
// loser is Ready in the same poll its value is lost and it is polled again after completing.
public sealed class Race<T> : IFuture<T>
{
    private readonly IFuture<T> _a;
    private readonly IFuture<T> _b;

    public Race(IFuture<T> a, IFuture<T> b) { _a = a; _b = b; }

    public Poll<T> Poll(Context cx)
    {
        var a = _a.Poll(cx);
        if (a.IsReady)
        {
            _ = _b.Poll(cx); // expect: WAKE008
            return a;
        }
        return _b.Poll(cx);
    }
}
