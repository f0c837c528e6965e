using Wakers;

namespace Heldout3.WakeThenNullable;

// Complete copies the waiter under the lock and wakes it before the value is stored.
public sealed class Promise : IFuture<double>
{
    private readonly object _gate = new();
    private double? _value;
    private Waker? _waiter;

    public void Complete(double value)
    {
        Waker? w;
        lock (_gate) { w = _waiter; }
        w?.Wake(); // expect: WAKE005
        lock (_gate) { _value = value; }
    }

    public Poll<double> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_value is double v) return Poll<double>.Ready(v);
            _waiter = cx.Waker;
            return Poll<double>.Pending;
        }
    }
}
