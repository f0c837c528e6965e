using System;

namespace Wakers.Combinators;

/// <summary>
/// The future of <c>Future.JoinAll</c>: polls every unfinished child with the caller's context on each poll (O(n) per
/// wake) and is Ready with the results in the children's order once all are Ready.
/// </summary>
internal sealed class JoinAllFuture<T> : IFuture<T[]>, IDisposable
{
    private readonly IFuture<T>?[] _children;
    private readonly T[] _results;
    private int _remaining;
    private bool _done;
    private bool _disposed;

    internal JoinAllFuture(IFuture<T>[] children)
    {
        _children = children;
        _results = new T[children.Length];
        _remaining = children.Length;
    }

    public Poll<T[]> Poll(Context cx)
    {
        if (_disposed) throw FutureDisposal.PolledAfterDispose("join-all");
        if (_done) throw FutureDisposal.PolledAfterCompletion("join-all");
        var waiting = false;
        for (var i = 0; i < _children.Length; i++)
        {
            var child = _children[i];
            if (child is null) continue;
            var poll = child.Poll(cx);
            if (poll.IsPending)
            {
                waiting = true;
                continue;
            }

            _results[i] = poll.Value;
            _children[i] = null;
            _remaining--;
        }

        // Waiting only when a child just returned Pending to this very context: its registration is ours.
        if (waiting) return Poll<T[]>.Pending;
        _done = true;
        return Poll<T[]>.Ready(_results);
    }

    public void Dispose()
    {
        _disposed = true;
        for (var i = 0; i < _children.Length; i++)
        {
            FutureDisposal.DisposeIfDisposable(_children[i]);
            _children[i] = null;
        }

        _done = true;
    }
}
