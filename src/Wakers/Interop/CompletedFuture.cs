using System;

namespace Wakers.Interop;

/// <summary>A future that is Ready with a value it already has (a ValueTask that completed synchronously).</summary>
internal sealed class CompletedFuture<T> : IFuture<T>
{
    private readonly T _value;
    private bool _done;

    public CompletedFuture(T value) => _value = value;

    public Poll<T> Poll(Context cx)
    {
        if (_done) throw new InvalidOperationException("The future was polled after it returned Ready.");
        _done = true;
        return Poll<T>.Ready(_value);
    }
}
