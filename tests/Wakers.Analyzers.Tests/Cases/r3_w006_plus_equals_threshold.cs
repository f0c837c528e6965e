using Wakers;

namespace Heldout3.PlusEqualsThreshold;

// Waits until enough bytes have arrived; Add counts them under the lock and forgets the waiter.
public sealed class ByteQuota : IFuture<long>
{
    private readonly object _gate = new();
    private readonly long _needed;
    private long _count;
    private Waker? _waiter;

    public ByteQuota(long needed) => _needed = needed;

    public void Add(int bytes)
    {
        lock (_gate)
        {
            _count += bytes; // expect: WAKE006
        }
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
