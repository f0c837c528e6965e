using Wakers;

namespace Heldout3.NoopSwapWakesOldOk;

// Reset swaps a no-op waker in and wakes the one it replaced, so the waiter re-polls and re-registers.
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
        Waker old;
        lock (_gate) { _set = false; old = _waiter; _waiter = Waker.Noop; }
        old.Wake();
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
