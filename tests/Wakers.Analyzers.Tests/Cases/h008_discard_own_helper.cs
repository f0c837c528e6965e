using Wakers;

namespace Heldout.DiscardOwnHelper;

// The public poll calls its own PollInner helper for its side effects and ignores the result.
public sealed class Flush : IFuture<Unit>
{
    private readonly IFuture<int> _write;
    private int _written;

    public Flush(IFuture<int> write) => _write = write;

    private Poll<int> PollInner(Context cx)
    {
        var r = _write.Poll(cx);
        if (r.IsReady) _written += r.Value;
        return r;
    }

    public Poll<Unit> Poll(Context cx)
    {
        PollInner(cx); // expect: WAKE008
        return _written > 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
