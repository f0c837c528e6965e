using Wakers;

namespace Heldout.ResetNullSlot;

// An auto-reset event's Reset clears the waiter slot too: the parked task is never woken by the next Set.
public sealed class AutoResetEvent : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _signaled;
    private Waker? _waiter;

    public void Set()
    {
        Waker? w;
        lock (_gate) { _signaled = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public void Reset()
    {
        lock (_gate)
        {
            _signaled = false;
            _waiter = null; // expect: WAKE010
        }
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_signaled) { _signaled = false; return Poll<Unit>.Ready(Unit.Value); }
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
