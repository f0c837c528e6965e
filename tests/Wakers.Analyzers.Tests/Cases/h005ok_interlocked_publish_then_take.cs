using System.Threading;
using Wakers;

namespace Heldout.InterlockedPublishThenTakeOk;

// A lock-free oneshot done right: publish the value, then take the waker and wake it.
public sealed class Oneshot : IFuture<long>
{
    private long _value;
    private int _state;
    private Waker? _rx;

    public void Send(long value)
    {
        _value = value;
        Interlocked.Exchange(ref _state, 1);
        var w = Interlocked.Exchange(ref _rx, null);
        w?.Wake();
    }

    public Poll<long> Poll(Context cx)
    {
        if (Volatile.Read(ref _state) == 1) return Poll<long>.Ready(_value);
        Interlocked.Exchange(ref _rx, cx.Waker);
        if (Volatile.Read(ref _state) == 1) return Poll<long>.Ready(_value);
        return Poll<long>.Pending;
    }
}
