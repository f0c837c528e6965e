using System;

namespace Wakers.Combinators;

/// <summary>The future of <c>Future.Map</c>: the inner future's result passed through a function.</summary>
internal sealed class MapFuture<T, TResult> : IFuture<TResult>, IDisposable
{
    private readonly IFuture<T> _inner;
    private readonly Func<T, TResult> _map;
    private bool _done;
    private bool _disposed;

    internal MapFuture(IFuture<T> inner, Func<T, TResult> map)
    {
        _inner = inner;
        _map = map;
    }

    public Poll<TResult> Poll(Context cx)
    {
        if (_disposed) throw FutureDisposal.PolledAfterDispose("mapped");
        if (_done) throw FutureDisposal.PolledAfterCompletion("mapped");
        var poll = _inner.Poll(cx);
        if (poll.IsPending) return Poll<TResult>.Pending;
        _done = true;
        return Poll<TResult>.Ready(_map(poll.Value));
    }

    public void Dispose()
    {
        _disposed = true;
        if (!_done) FutureDisposal.DisposeIfDisposable(_inner);
        _done = true;
    }
}
