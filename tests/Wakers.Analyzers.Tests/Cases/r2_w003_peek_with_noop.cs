using Wakers;

namespace Heldout2.PeekWithNoop;

// A timeout combinator with a "peek" helper: Peek polls the same inner future that Poll polls with cx,
// but with a no-op waker, which replaces the task's registration in the inner future.
public sealed class Timeout<T> : IFuture<T?>
{
    private readonly IFuture<T> _inner;
    private readonly IFuture<Unit> _deadline;
    private T? _peeked;
    private bool _hasPeeked;

    public Timeout(IFuture<T> inner, IFuture<Unit> deadline) { _inner = inner; _deadline = deadline; }

    public bool Peek()
    {
        if (_hasPeeked) return true;
        var r = _inner.Poll(new Context(Waker.Noop)); // expect: WAKE003
        if (r.IsPending) return false;
        _peeked = r.Value;
        _hasPeeked = true;
        return true;
    }

    public Poll<T?> Poll(Context cx)
    {
        if (_hasPeeked) return Poll<T?>.Ready(_peeked);
        var r = _inner.Poll(cx);
        if (r.IsReady) return Poll<T?>.Ready(r.Value);
        return _deadline.Poll(cx).IsReady ? Poll<T?>.Ready(default) : Poll<T?>.Pending;
    }
}
