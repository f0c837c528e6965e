using Wakers;

namespace Heldout3.ResetTakesAndWakesOk;

// Reset clears the value and hands the parked waker a wake so the task re-polls and re-registers.
public sealed class Slot : IFuture<string>
{
    private readonly object _gate = new();
    private string? _value;
    private Waker? _waiter;

    public void Put(string value)
    {
        Waker? w;
        lock (_gate) { _value = value; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public void Reset()
    {
        Waker? w;
        lock (_gate) { _value = null; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_value is not null) return Poll<string>.Ready(_value);
            _waiter = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
