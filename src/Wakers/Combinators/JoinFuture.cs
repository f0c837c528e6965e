using System;

namespace Wakers.Combinators;

/// <summary>The future of <c>Future.Join</c>: polls both children with the caller's context until both are Ready.</summary>
internal sealed class JoinFuture<T1, T2> : IFuture<(T1, T2)>, IDisposable
{
    private readonly IFuture<T1> _first;
    private readonly IFuture<T2> _second;
    private Poll<T1> _firstResult;
    private Poll<T2> _secondResult;
    private bool _done;
    private bool _disposed;

    internal JoinFuture(IFuture<T1> first, IFuture<T2> second)
    {
        _first = first;
        _second = second;
    }

    public Poll<(T1, T2)> Poll(Context cx)
    {
        if (_disposed) throw FutureDisposal.PolledAfterDispose("join");
        if (_done) throw FutureDisposal.PolledAfterCompletion("join");
        var waiting = false;
        if (_firstResult.IsPending)
        {
            var first = _first.Poll(cx);
            if (first.IsPending) waiting = true;
            else _firstResult = first;
        }

        if (_secondResult.IsPending)
        {
            var second = _second.Poll(cx);
            if (second.IsPending) waiting = true;
            else _secondResult = second;
        }

        // Waiting only when a child just returned Pending to this very context: its registration is ours.
        if (waiting) return Poll<(T1, T2)>.Pending;
        _done = true;
        return Poll<(T1, T2)>.Ready((_firstResult.Value, _secondResult.Value));
    }

    public void Dispose()
    {
        _disposed = true;
        if (!_done)
        {
            if (_firstResult.IsPending) FutureDisposal.DisposeIfDisposable(_first);
            if (_secondResult.IsPending) FutureDisposal.DisposeIfDisposable(_second);
        }

        _done = true;
    }
}
