using Wakers;

namespace Heldout2.LockThisStoreFirst;

// lock (this): the waker is stored before the readiness test under the same lock.
public sealed class Flag : IFuture<Unit>
{
    private bool _raised;
    private Waker? _waiter;

    public void Raise()
    {
        Waker? w;
        lock (this) { _raised = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (this)
        {
            _waiter = cx.Waker; // expect: WAKE009
            if (_raised) return Poll<Unit>.Ready(Unit.Value);
            return Poll<Unit>.Pending;
        }
    }
}
