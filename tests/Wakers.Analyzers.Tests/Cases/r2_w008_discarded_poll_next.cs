using Wakers;

namespace Heldout2.DiscardedPollNext;

// "Prime" the source stream before waiting on the ticker: the item it may return is thrown away.
public sealed class Sampler<T> : IFuture<T>
{
    private readonly IStream<T> _source;
    private readonly IFuture<Unit> _tick;
    private T _last = default!;

    public Sampler(IStream<T> source, IFuture<Unit> tick) { _source = source; _tick = tick; }

    public void Observe(T value) => _last = value;

    public Poll<T> Poll(Context cx)
    {
        _source.PollNext(cx); // expect: WAKE008
        if (_tick.Poll(cx).IsPending) return Poll<T>.Pending;
        return Poll<T>.Ready(_last);
    }
}
