using Wakers;

namespace Heldout.CheckThroughHelper;

// Under one lock the waker is stored first and readiness is read afterwards through a private helper.
public sealed class Queue1 : IFuture<int>
{
    private readonly object _gate = new();
    private int _count;
    private Waker? _waiter;

    private bool HasItem() => _count > 0;

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            _waiter = cx.Waker; // expect: WAKE009
            if (HasItem()) { _count--; return Poll<int>.Ready(1); }
            return Poll<int>.Pending;
        }
    }

    public void Push()
    {
        Waker? w;
        lock (_gate) { _count++; w = _waiter; _waiter = null; }
        w?.Wake();
    }
}
