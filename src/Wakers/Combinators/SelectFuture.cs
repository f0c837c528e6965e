using System;

namespace Wakers.Combinators;

/// <summary>
/// The future of <c>Future.Select</c>: polls the first child, then the second, with the caller's context; the first
/// Ready wins and the loser is disposed (cancelled) if it is IDisposable.
/// </summary>
internal sealed class SelectFuture<T1, T2> : IFuture<Selected<T1, T2>>, IDisposable
{
    private readonly IFuture<T1> _first;
    private readonly IFuture<T2> _second;
    private bool _done;
    private bool _disposed;

    internal SelectFuture(IFuture<T1> first, IFuture<T2> second)
    {
        _first = first;
        _second = second;
    }

    public Poll<Selected<T1, T2>> Poll(Context cx)
    {
        if (_disposed) throw FutureDisposal.PolledAfterDispose("select");
        if (_done) throw FutureDisposal.PolledAfterCompletion("select");
        var first = _first.Poll(cx);
        if (first.IsReady)
        {
            _done = true;
            FutureDisposal.DisposeIfDisposable(_second);
            return Poll<Selected<T1, T2>>.Ready(Selected<T1, T2>.FromFirst(first.Value));
        }

        var second = _second.Poll(cx);
        if (second.IsReady)
        {
            _done = true;
            FutureDisposal.DisposeIfDisposable(_first);
            return Poll<Selected<T1, T2>>.Ready(Selected<T1, T2>.FromSecond(second.Value));
        }

        return Poll<Selected<T1, T2>>.Pending;
    }

    public void Dispose()
    {
        _disposed = true;
        if (!_done)
        {
            FutureDisposal.DisposeIfDisposable(_first);
            FutureDisposal.DisposeIfDisposable(_second);
        }

        _done = true;
    }
}
