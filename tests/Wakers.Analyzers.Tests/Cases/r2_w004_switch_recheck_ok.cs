using System.Threading;
using Wakers;

namespace Heldout2.SwitchRecheckOk;

// A oneshot state machine on an int: the state is switched on, the waker registered, and the state
// tested again with a pattern before Pending.
public sealed class Oneshot<T> : IFuture<T?>
{
    private const int Empty = 0, Full = 1, Closed = 2;
    private readonly AtomicWaker _rx = new();
    private T? _value;
    private int _state;

    public void Send(T value)
    {
        _value = value;
        if (Interlocked.CompareExchange(ref _state, Full, Empty) == Empty) _rx.Wake();
    }

    public void Close()
    {
        if (Interlocked.CompareExchange(ref _state, Closed, Empty) == Empty) _rx.Wake();
    }

    public Poll<T?> Poll(Context cx)
    {
        switch (Volatile.Read(ref _state))
        {
            case Full: return Poll<T?>.Ready(_value);
            case Closed: return Poll<T?>.Ready(default);
        }
        _rx.Register(cx.Waker);
        return Volatile.Read(ref _state) switch
        {
            Full => Poll<T?>.Ready(_value),
            Closed => Poll<T?>.Ready(default),
            _ => Poll<T?>.Pending,
        };
    }
}
