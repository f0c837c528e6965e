namespace Wakers.Combinators;

/// <summary>The future of <c>Future.YieldNow</c>: the first poll wakes its own task and is Pending; the second is Ready.</summary>
internal sealed class YieldNowFuture : IFuture<Unit>
{
    private int _polls;

    public Poll<Unit> Poll(Context cx)
    {
        switch (_polls++)
        {
            case 0:
                // A deliberate yield: ask to be polled again, letting other tasks run first.
                cx.Waker.Wake();
                return Poll<Unit>.Pending;
            case 1:
                return Poll<Unit>.Ready(Unit.Value);
            default:
                throw FutureDisposal.PolledAfterCompletion("yield");
        }
    }
}
