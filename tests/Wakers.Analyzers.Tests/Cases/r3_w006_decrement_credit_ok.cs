using System.Threading;
using Wakers;

namespace Heldout3.DecrementCreditOk;

// Credits: Grant adds and wakes; Revoke only takes credits away, which can never make the poll Ready.
public sealed class Credits : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private int _credits;

    public void Grant(int n)
    {
        Interlocked.Add(ref _credits, n);
        _waiter.Wake();
    }

    public void Revoke()
    {
        Interlocked.Decrement(ref _credits);
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return Volatile.Read(ref _credits) > 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
