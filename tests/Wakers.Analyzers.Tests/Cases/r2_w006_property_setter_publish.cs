using Wakers;

namespace Heldout2.PropertySetterPublish;

// The limit is raised through a property setter that forgets the waiting acquirer.
public sealed class Limiter
{
    private readonly object _gate = new();
    private int _inUse;
    private int _limit = 1;
    private Waker? _waiter;

    public int Limit
    {
        get { lock (_gate) return _limit; }
        set { lock (_gate) { _limit = value; } } // expect: WAKE006
    }

    public void Release()
    {
        Waker? w;
        lock (_gate) { _inUse--; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<Unit> PollAcquire(Context cx)
    {
        lock (_gate)
        {
            if (_inUse < _limit) { _inUse++; return Poll<Unit>.Ready(Unit.Value); }
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
