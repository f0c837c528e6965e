using Wakers;

namespace Heldout.ResultsUsedOk;

// Collect: every inner poll's result is used, in a while condition and in a pattern.
public sealed class Sum : IFuture<int>
{
    private readonly IStream<int> _items;
    private int _total;

    public Sum(IStream<int> items) => _items = items;

    public Poll<int> Poll(Context cx)
    {
        while (_items.PollNext(cx) is { IsReady: true } r)
        {
            if (!r.Value.HasItem) return Poll<int>.Ready(_total);
            _total += r.Value.Item;
        }
        return Poll<int>.Pending;
    }
}
