using System;
using Wakers;

namespace Heldout2.TupleAssignment;

// Fail wakes the reader; Complete writes the value and the flag with one tuple assignment and forgets to.
public sealed class Promise<T> : IFuture<T>
{
    private readonly object _gate = new();
    private T _value = default!;
    private bool _hasValue;
    private Exception? _error;
    private Waker? _reader;

    public void Complete(T value)
    {
        lock (_gate)
        {
            (_value, _hasValue) = (value, true); // expect: WAKE006
        }
    }

    public void Fail(Exception error)
    {
        Waker? w;
        lock (_gate) { _error = error; w = _reader; _reader = null; }
        w?.Wake();
    }

    public Poll<T> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_error is not null) throw _error;
            if (_hasValue) return Poll<T>.Ready(_value);
            _reader = cx.Waker;
            return Poll<T>.Pending;
        }
    }
}
