using System.Threading;
using Wakers;

namespace Heldout2.ResetDiscardsTake;

// Reset empties the AtomicWaker and throws the waker away: the task waiting on the next Set is lost.
public sealed class Pulse : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private int _pulsed;

    public void Set()
    {
        Volatile.Write(ref _pulsed, 1);
        _waiter.Wake();
    }

    public void Reset()
    {
        Volatile.Write(ref _pulsed, 0);
        _waiter.Take(); // expect: WAKE010
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return Volatile.Read(ref _pulsed) == 1 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
