using System.Threading;
using Wakers;

namespace Heldout.PollFnLambdaExpr;

// An expression-bodied PollFn lambda over a shared counter: it never registers the waker.
public sealed class Counter
{
    public int Count;
    public Waker? Waiter;

    public void Increment()
    {
        Interlocked.Increment(ref Count);
        Interlocked.Exchange(ref Waiter, null)?.Wake();
    }

    public IFuture<int> ReachesAsync(int target) =>
        Future.FromPoll<int>(cx => Volatile.Read(ref Count) >= target ? Poll<int>.Ready(Count) : Poll<int>.Pending); // expect: WAKE001
}
