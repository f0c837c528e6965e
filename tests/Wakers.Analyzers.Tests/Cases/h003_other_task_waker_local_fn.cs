using Wakers;

namespace Heldout.OtherTaskWakerLocalFn;

// A forwarding local-function poll that hands the inner future the waker of the task that created the forwarder.
public static class Forward
{
    public static IFuture<string> Create(IFuture<string> inner, Waker creator)
    {
        Poll<string> PollForward(Context cx)
        {
            var r = inner.Poll(new Context(creator)); // expect: WAKE003
            return r;
        }
        return Future.FromPoll<string>(PollForward);
    }
}
