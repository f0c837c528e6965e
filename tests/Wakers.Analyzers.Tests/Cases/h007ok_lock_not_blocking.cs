using System.Threading;
using Wakers;

namespace Heldout.LockNotBlockingOk;

// lock and Monitor.TryEnter are not blocking calls in the rule's sense; a failed try yields with a self-wake.
public sealed class Counter : IFuture<int>
{
    private readonly object _gate = new();
    private readonly AtomicWaker _waker = new();
    private int _count;

    public void Add()
    {
        lock (_gate) { _count++; }
        _waker.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        if (!Monitor.TryEnter(_gate))
        {
            cx.Waker.Wake();
            return Poll<int>.Pending;
        }
        try
        {
            if (_count >= 10) return Poll<int>.Ready(_count);
            _waker.Register(cx.Waker);
            return Poll<int>.Pending;
        }
        finally
        {
            Monitor.Exit(_gate);
        }
    }
}
