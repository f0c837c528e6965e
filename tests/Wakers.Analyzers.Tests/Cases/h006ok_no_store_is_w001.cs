using Wakers;

namespace Heldout.NoStoreIsW001;

// The poll stores no waker at all: that is WAKE001 on its Pending return, and the publisher is not also WAKE006.
public sealed class Done : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _done;

    public void Finish()
    {
        lock (_gate) { _done = true; }
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_done) return Poll<Unit>.Ready(Unit.Value);
            return Poll<Unit>.Pending; // expect: WAKE001
        }
    }
}
