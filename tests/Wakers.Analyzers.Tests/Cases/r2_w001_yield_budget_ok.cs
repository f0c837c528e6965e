using Wakers;

namespace Heldout2.YieldBudgetOk;

// tokio's cooperative budget: after a number of ready items the wrapper yields once, waking itself
// so the executor polls it again after the other tasks had their turn.
public sealed class Budgeted<T> : IStream<T>
{
    private readonly IStream<T> _inner;
    private readonly int _budget;
    private int _used;

    public Budgeted(IStream<T> inner, int budget) { _inner = inner; _budget = budget; }

    public Poll<(bool HasItem, T Item)> PollNext(Context cx)
    {
        if (_used >= _budget)
        {
            _used = 0;
            cx.Waker.Wake();
            return Poll<(bool, T)>.Pending;
        }
        var r = _inner.PollNext(cx);
        if (r.IsReady) _used++;
        return r;
    }
}
