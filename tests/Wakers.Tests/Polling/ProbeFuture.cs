using System;

namespace Wakers.Tests.Polling;

/// <summary>A future controlled by the test: records the waker of each poll and completes when told to.</summary>
internal sealed class ProbeFuture<T> : IFuture<T>, IDisposable
{
    private bool _ready;
    private T _value = default!;

    public Waker? LastWaker { get; private set; }

    public int Polls { get; private set; }

    public bool Disposed { get; private set; }

    public void Complete(T value)
    {
        _value = value;
        _ready = true;
        var waker = LastWaker;
        LastWaker = null;
        waker?.Wake();
    }

    public Poll<T> Poll(Context cx)
    {
        Polls++;
        if (_ready) return Poll<T>.Ready(_value);
        LastWaker = cx.Waker;
        // Register, then check again (the order a real producer on another thread would need).
        return _ready ? Poll<T>.Ready(_value) : Poll<T>.Pending;
    }

    public void Dispose() => Disposed = true;
}
