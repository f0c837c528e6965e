using Wakers;

namespace Heldout2.DrainKeptOk;

// StreamExt::fold: every item the stream yields is used, and its Pending is passed up.
public sealed class Sum : IFuture<long>
{
    private readonly IStream<int> _source;
    private long _total;

    public Sum(IStream<int> source) => _source = source;

    public Poll<long> Poll(Context cx)
    {
        while (true)
        {
            switch (_source.PollNext(cx))
            {
                case { IsPending: true }:
                    return Poll<long>.Pending;
                case { Value: (true, var item) }:
                    _total += item;
                    break;
                default:
                    return Poll<long>.Ready(_total);
            }
        }
    }
}
