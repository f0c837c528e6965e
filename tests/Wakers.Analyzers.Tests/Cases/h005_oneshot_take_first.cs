using System.Threading;
using Wakers;

namespace Heldout.OneshotTakeFirst;

// A oneshot sender takes and wakes the receiver's waker, then stores the value: the receiver may run in between.
public sealed class Oneshot<T> : IFuture<T>
{
    private T _value = default!;
    private int _state;
    private Waker? _rx;

    public void Send(T value)
    {
        Interlocked.Exchange(ref _rx, null)?.Wake(); // expect: WAKE005
        _value = value;
        Volatile.Write(ref _state, 1);
    }

    public Poll<T> Poll(Context cx)
    {
        if (Volatile.Read(ref _state) == 1) return Poll<T>.Ready(_value);
        Interlocked.Exchange(ref _rx, cx.Waker);
        if (Volatile.Read(ref _state) == 1) return Poll<T>.Ready(_value);
        return Poll<T>.Pending;
    }
}
