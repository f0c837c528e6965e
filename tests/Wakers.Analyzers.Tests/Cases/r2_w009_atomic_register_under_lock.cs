using Wakers;

namespace Heldout2.AtomicRegisterUnderLock;

// An AtomicWaker used inside a lock anyway, registered before the check under that lock.
public sealed class Gate : IFuture<Unit>
{
    private readonly object _sync = new();
    private readonly AtomicWaker _waiter = new();
    private bool _open;

    public void Open()
    {
        lock (_sync) { _open = true; }
        _waiter.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_sync)
        {
            _waiter.Register(cx.Waker); // expect: WAKE009
            if (_open) return Poll<Unit>.Ready(Unit.Value);
            return Poll<Unit>.Pending;
        }
    }
}
