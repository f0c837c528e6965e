using Wakers;

namespace Heldout.DefaultContext;

// A "peek" combinator polls the inner future with default(Context), whose waker is the no-op one.
public sealed class Peekable<T> : IFuture<T>
{
    private readonly IFuture<T> _inner;
    private Poll<T> _peeked;

    public Peekable(IFuture<T> inner) => _inner = inner;

    public Poll<T> Poll(Context cx)
    {
        if (_peeked.IsReady) return _peeked;
        _peeked = _inner.Poll(default); // expect: WAKE003
        if (_peeked.IsReady) return _peeked;
        return _inner.Poll(cx);
    }
}
