using Wakers;

namespace Heldout.CoalesceInAssignment;

// `_w = _w ?? cx.Waker` is the same store-once as `??=`, spelled out.
public sealed class Answer : IFuture<int>
{
    private readonly object _gate = new();
    private int? _value;
    private Waker? _waiter;

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_value is int v) return Poll<int>.Ready(v);
            _waiter = _waiter ?? cx.Waker; // expect: WAKE002
            return Poll<int>.Pending;
        }
    }

    public void Set(int v)
    {
        Waker? w;
        lock (_gate) { _value = v; w = _waiter; _waiter = null; }
        w?.Wake();
    }
}
