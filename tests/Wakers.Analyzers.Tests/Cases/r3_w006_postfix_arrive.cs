using Wakers;

namespace Heldout3.PostfixArrive;

// A barrier: the last party to arrive makes the poll Ready, but Arrive never wakes.
public sealed class Barrier : IFuture<Unit>
{
    private readonly object _gate = new();
    private readonly int _parties;
    private int _arrived;
    private Waker? _waiter;

    public Barrier(int parties) => _parties = parties;

    public void Arrive()
    {
        lock (_gate)
        {
            _arrived++; // expect: WAKE006
        }
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_arrived == _parties) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
