using Wakers;

namespace Heldout2.SwitchCaseNull;

// The slot is filled by a switch on its own value: only the null case stores, so a later poll from
// another task keeps the first task's waker.
public sealed class Signal : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _fired;
    private Waker? _waiter;

    public void Fire()
    {
        Waker? w;
        lock (_gate) { _fired = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_fired) return Poll<Unit>.Ready(Unit.Value);
            switch (_waiter)
            {
                case null:
                    _waiter = cx.Waker; // expect: WAKE002
                    break;
            }
            return Poll<Unit>.Pending;
        }
    }
}
