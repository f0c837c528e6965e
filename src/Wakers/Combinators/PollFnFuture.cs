using System;

namespace Wakers.Combinators;

/// <summary>The future of <c>Future.FromPoll</c>: each poll calls the function with the caller's context.</summary>
internal sealed class PollFnFuture<T> : IFuture<T>
{
    private readonly PollFn<T> _poll;
    private bool _done;

    internal PollFnFuture(PollFn<T> poll) => _poll = poll;

    public Poll<T> Poll(Context cx)
    {
        if (_done) throw FutureDisposal.PolledAfterCompletion("poll-function");
        var poll = _poll(cx);
        if (poll.IsReady) _done = true;
        return poll;
    }
}
