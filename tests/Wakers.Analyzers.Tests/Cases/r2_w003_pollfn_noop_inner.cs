using Wakers;

namespace Heldout2.PollFnNoopInner;

// A "map" built from a PollFn lambda that polls the inner future with a no-op context: the inner
// future's wakeup is lost.
public static class MapExt
{
    public static IFuture<int> Doubled(IFuture<int> inner)
    {
        PollFn<int> poll = cx =>
        {
            var r = inner.Poll(new Context(Waker.Noop)); // expect: WAKE003
            return r.IsReady ? Poll<int>.Ready(r.Value * 2) : Poll<int>.Pending;
        };
        return Future.FromPoll(poll);
    }
}
