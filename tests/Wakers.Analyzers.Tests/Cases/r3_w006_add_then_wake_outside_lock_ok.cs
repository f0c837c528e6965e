using Wakers;

namespace Heldout3.AddThenWakeOutsideLock;

// Counts bytes under the lock, takes the waiter there, and wakes it after leaving the lock.
public sealed class ByteQuota : IFuture<long>
{
    private readonly object _gate = new();
    private readonly long _needed;
    private long _count;
    private Waker? _waiter;

    public ByteQuota(long needed) => _needed = needed;

    public void Add(int bytes)
    {
        Waker? w;
        lock (_gate)
        {
            _count += bytes;
            w = _waiter;
            _waiter = null;
        }
        w?.Wake();
    }

    public Poll<long> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_count >= _needed) return Poll<long>.Ready(_count);
            _waiter = cx.Waker;
            return Poll<long>.Pending;
        }
    }
}
