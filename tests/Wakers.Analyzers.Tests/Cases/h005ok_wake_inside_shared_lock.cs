using Wakers;

namespace Heldout.WakeInsideSharedLockOk;

// Wake and publish inside the lock the poll also holds: the woken task cannot poll before the lock is released.
public sealed class Gate : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _open;
    private Waker? _waiter;

    public void Open()
    {
        lock (_gate)
        {
            _waiter?.Wake();
            _open = true;
        }
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_open) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
