using Wakers;

namespace Heldout.TwoLockRegions;

// The check and the store each take the lock, but the lock is released in between: Complete can slip through.
public sealed class Job : IFuture<int>
{
    private readonly object _gate = new();
    private int? _result;
    private Waker? _waiter;

    public void Complete(int result)
    {
        Waker? w;
        lock (_gate) { _result = result; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_result is int r) return Poll<int>.Ready(r);
        }
        lock (_gate)
        {
            _waiter = cx.Waker; // expect: WAKE004
        }
        return Poll<int>.Pending;
    }
}
