using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout.EnterScopeCheckFirstOk;

// The same pool in the right order: check, then add the waiter, all in one Lock.EnterScope region.
public sealed class Pool
{
    private readonly Lock _lock = new();
    private readonly List<Waker> _waiters = new();
    private int _free = 1;

    public Poll<Unit> PollRent(Context cx)
    {
        using (_lock.EnterScope())
        {
            if (_free > 0) { _free--; return Poll<Unit>.Ready(Unit.Value); }
            _waiters.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }

    public void Return()
    {
        Waker[] ws;
        using (_lock.EnterScope()) { _free++; ws = _waiters.ToArray(); _waiters.Clear(); }
        foreach (var w in ws) w.Wake();
    }
}
