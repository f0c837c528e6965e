using System.Threading;
using Wakers;

namespace Heldout2.RebindVolatileWrite;

// Detach swaps in the no-op waker so a late Complete does nothing: the task waiting on Poll is
// stranded instead of being told.
public sealed class Subscription : IFuture<int>
{
    private int _value;
    private int _done;
    private Waker _waiter = Waker.Noop;

    public void Complete(int value)
    {
        _value = value;
        Volatile.Write(ref _done, 1);
        Volatile.Read(ref _waiter).Wake();
    }

    public void Detach() => Volatile.Write(ref _waiter, Waker.Noop); // expect: WAKE010

    public Poll<int> Poll(Context cx)
    {
        if (Volatile.Read(ref _done) == 1) return Poll<int>.Ready(_value);
        Interlocked.Exchange(ref _waiter, cx.Waker);
        if (Volatile.Read(ref _done) == 1) return Poll<int>.Ready(_value);
        return Poll<int>.Pending;
    }
}
