using Wakers;

namespace Heldout3.SetterWakesOk;

// A settable flag whose setter publishes and then wakes the waiting task.
public sealed class Gate : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private volatile bool _open;

    public bool IsOpen
    {
        get => _open;
        set
        {
            _open = value;
            _waiter.Wake();
        }
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return _open ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
