using Wakers;

namespace Heldout2.ConstructorStateOk;

// A oneshot that may be created already filled: the constructor's write needs no wake (no one waits yet).
public sealed record class Oneshot<T> : IFuture<T>
{
    private readonly object _gate = new();
    private T _value = default!;
    private bool _filled;
    private Waker? _waiter;

    public Oneshot() { }

    public Oneshot(T value)
    {
        _value = value;
        _filled = true;
    }

    public void Fill(T value)
    {
        Waker? w;
        lock (_gate) { _value = value; _filled = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<T> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_filled) return Poll<T>.Ready(_value);
            _waiter = cx.Waker;
            return Poll<T>.Pending;
        }
    }
}
