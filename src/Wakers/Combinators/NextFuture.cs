using System;

namespace Wakers.Combinators;

/// <summary>The future of <c>Future.Next</c>: one <see cref="IStream{T}.PollNext"/> of the stream, with the caller's context.</summary>
internal sealed class NextFuture<T> : IFuture<(bool HasItem, T Item)>
{
    private readonly IStream<T> _stream;
    private bool _done;

    internal NextFuture(IStream<T> stream) => _stream = stream;

    public Poll<(bool HasItem, T Item)> Poll(Context cx)
    {
        if (_done) throw FutureDisposal.PolledAfterCompletion("next-item");
        var poll = _stream.PollNext(cx);
        if (poll.IsPending) return Poll<(bool, T)>.Pending;
        _done = true;
        return poll;
    }
}
