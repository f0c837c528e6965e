using Wakers;

namespace Heldout3.NoopOverwriteReset;

// Reset parks a no-op waker in the slot: the real waiter is dropped without a wake.
public sealed class Event : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _set;
    private Waker _waiter = Waker.Noop;

    public void Set()
    {
        Waker w;
        lock (_gate) { _set = true; w = _waiter; _waiter = Waker.Noop; }
        w.Wake();
    }

    public void Reset()
    {
        lock (_gate) { _set = false; _waiter = Waker.Noop; } // expect: WAKE010
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_set) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
