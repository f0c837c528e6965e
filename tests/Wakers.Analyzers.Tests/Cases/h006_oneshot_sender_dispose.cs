using System;
using Wakers;

namespace Heldout.OneshotSenderDispose;

public sealed class Inner<T>
{
    public readonly object Gate = new();
    public bool HasValue;
    public T Value = default!;
    public bool SenderDropped;
    public Waker? RxWaker;
}

// tokio oneshot: dropping the sender marks the channel closed, but the sender (not a future) never wakes the receiver.
public sealed class OneshotTx<T> : IDisposable
{
    private readonly Inner<T> _inner;
    public OneshotTx(Inner<T> inner) => _inner = inner;

    public void Send(T value)
    {
        Waker? w;
        lock (_inner.Gate) { _inner.Value = value; _inner.HasValue = true; w = _inner.RxWaker; _inner.RxWaker = null; }
        w?.Wake();
    }

    public void Dispose()
    {
        lock (_inner.Gate) { _inner.SenderDropped = true; } // expect: WAKE006
    }
}

public sealed class OneshotRx<T> : IFuture<T?>
{
    private readonly Inner<T> _inner;
    public OneshotRx(Inner<T> inner) => _inner = inner;

    public Poll<T?> Poll(Context cx)
    {
        lock (_inner.Gate)
        {
            if (_inner.HasValue) return Poll<T?>.Ready(_inner.Value);
            if (_inner.SenderDropped) return Poll<T?>.Ready(default);
            _inner.RxWaker = cx.Waker;
            return Poll<T?>.Pending;
        }
    }
}
