using Wakers;

namespace Heldout2.LazyStart;

// A port of a "start on first poll" future: the first poll only flips the flag and returns Pending
// without polling the inner future, so nothing will ever poll it again.
public sealed class Deferred<T> : IFuture<T>
{
    private readonly IFuture<T> _inner;
    private bool _started;

    public Deferred(IFuture<T> inner) => _inner = inner;

    public Poll<T> Poll(Context cx)
    {
        if (!_started)
        {
            _started = true;
            return Poll<T>.Pending; // expect: WAKE001
        }
        return _inner.Poll(cx);
    }
}
