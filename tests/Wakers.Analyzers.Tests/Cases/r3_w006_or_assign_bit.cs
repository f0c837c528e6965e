using Wakers;

namespace Heldout3.OrAssignBit;

// Shutdown sets its bit under the lock with |= and forgets the waiter.
public sealed class Worker : IFuture<Unit>
{
    private const int StopBit = 4;
    private readonly object _gate = new();
    private int _flags;
    private Waker? _waiter;

    public void Shutdown()
    {
        lock (_gate) { _flags |= StopBit; } // expect: WAKE006
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if ((_flags & StopBit) != 0) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
