using Wakers;

namespace Heldout.DiscardPollNext;

// Skip(1): polls the stream once to drop an item but discards the answer, Pending or not.
public sealed class SkipFirst<T> : IStream<T>
{
    private readonly IStream<T> _inner;
    private bool _skipped;

    public SkipFirst(IStream<T> inner) => _inner = inner;

    public Poll<(bool HasItem, T Item)> PollNext(Context cx)
    {
        if (!_skipped)
        {
            _ = _inner.PollNext(cx); // expect: WAKE008
            _skipped = true;
        }
        return _inner.PollNext(cx);
    }
}
