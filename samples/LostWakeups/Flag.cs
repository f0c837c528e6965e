using Wakers;

namespace LostWakeups;

/// <summary>A one-way flag a task can wait on: register, then check again, so a Set in between is never missed.</summary>
public sealed class Flag : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private volatile bool _set;

    public void Set()
    {
        _set = true; // publish, then wake
        _waiter.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (_set) return Poll<Unit>.Ready(Unit.Value);
        _waiter.Register(cx.Waker);
        if (_set) return Poll<Unit>.Ready(Unit.Value); // a Set between the check and the Register is seen here
        return Poll<Unit>.Pending;
    }
}

/// <summary>The flag that checks, then registers, and never looks again: a Set in between finds no waker.</summary>
public sealed class RacyFlag : IFuture<Unit>
{
    private volatile bool _set;
    private volatile Waker? _waiter;

    public void Set()
    {
        _set = true;
        _waiter?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (_set) return Poll<Unit>.Ready(Unit.Value);
        _waiter = cx.Waker; // BUG WAKE004: Set can run between the check above and this store
        return Poll<Unit>.Pending;
    }
}
