using Wakers;

namespace Heldout2.ThenLambdaDiscardsFirst;

// `a.then(b)` as a PollFn lambda: the first future is polled "to make progress" and its answer dropped,
// so the second runs before the first has finished.
public static class Sequence
{
    public static IFuture<TB> Then<TA, TB>(IFuture<TA> first, IFuture<TB> second)
    {
        return Future.FromPoll<TB>(cx =>
        {
            first.Poll(cx); // expect: WAKE008
            return second.Poll(cx);
        });
    }
}
