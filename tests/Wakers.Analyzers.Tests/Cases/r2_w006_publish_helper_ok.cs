using System;
using Wakers;

namespace Heldout2.PublishHelperOk;

// Three producers, one private helper that takes and wakes the reader's waker after each publish.
public sealed class Result<T> : IFuture<T>
{
    private readonly object _gate = new();
    private T _value = default!;
    private Exception? _error;
    private bool _done;
    private Waker? _reader;

    public void Succeed(T value)
    {
        lock (_gate) { _value = value; _done = true; }
        WakeReader();
    }

    public void Fail(Exception error)
    {
        lock (_gate) { _error = error; _done = true; }
        WakeReader();
    }

    public void Abort() { lock (_gate) { _error ??= new OperationCanceledException(); _done = true; } WakeReader(); }

    private void WakeReader()
    {
        Waker? w;
        lock (_gate) { w = _reader; _reader = null; }
        w?.Wake();
    }

    public Poll<T> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_done) return _error is { } e ? throw e : Poll<T>.Ready(_value);
            _reader = cx.Waker;
            return Poll<T>.Pending;
        }
    }
}
