using System.Threading;
using Wakers;

namespace Heldout2.SwapWakesOldOk;

// Handing the wait over to a supervisor: the old waker is swapped out and woken, so its task polls
// again and sees the new owner.
public sealed class Handoff : IFuture<int>
{
    private int _value;
    private int _done;
    private Waker? _waiter;

    public void Redirect(Waker supervisor)
    {
        var old = Interlocked.Exchange(ref _waiter, supervisor);
        old?.Wake();
    }

    public void Complete(int value)
    {
        _value = value;
        Volatile.Write(ref _done, 1);
        Interlocked.Exchange(ref _waiter, null)?.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        if (Volatile.Read(ref _done) == 1) return Poll<int>.Ready(_value);
        Interlocked.Exchange(ref _waiter, cx.Waker);
        if (Volatile.Read(ref _done) == 1) return Poll<int>.Ready(_value);
        return Poll<int>.Pending;
    }
}
