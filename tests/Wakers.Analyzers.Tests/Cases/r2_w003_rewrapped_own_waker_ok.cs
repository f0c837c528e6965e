using Wakers;

namespace Heldout2.RewrappedOwnWakerOk;

// Builds a new Context around this poll's own waker before polling the inner future: the same task.
public sealed class Traced<T> : IFuture<T>
{
    private readonly IFuture<T> _inner;
    private int _polls;

    public Traced(IFuture<T> inner) => _inner = inner;

    public int Polls => _polls;

    public Poll<T> Poll(Context cx)
    {
        _polls++;
        var waker = cx.Waker;
        var inner = new Context(waker);
        return _inner.Poll(inner);
    }
}
