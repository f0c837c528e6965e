using Wakers;

namespace Heldout.PrimeOutsidePoll;

// Buffered: a "prime" method polls the inner future with a no-op waker, replacing the registration the task made.
public sealed class Buffered : IFuture<int>
{
    private readonly IFuture<int> _inner;
    private int? _ready;

    public Buffered(IFuture<int> inner) => _inner = inner;

    public void Prime()
    {
        var r = _inner.Poll(new Context(Waker.Noop)); // expect: WAKE003
        if (r.IsReady) _ready = r.Value;
    }

    public Poll<int> Poll(Context cx)
    {
        if (_ready is int v) return Poll<int>.Ready(v);
        return _inner.Poll(cx);
    }
}
