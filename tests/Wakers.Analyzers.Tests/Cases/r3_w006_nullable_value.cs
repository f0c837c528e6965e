using Wakers;

namespace Heldout3.NullableValue;

// A one-shot cell of int?: Set fills it and forgets to wake the reader.
public sealed class Cell : IFuture<int>
{
    private readonly object _gate = new();
    private int? _value;
    private Waker? _reader;

    public void Set(int value)
    {
        lock (_gate)
        {
            _value = value; // expect: WAKE006
        }
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_value.HasValue) return Poll<int>.Ready(_value.Value);
            _reader = cx.Waker;
            return Poll<int>.Pending;
        }
    }
}
