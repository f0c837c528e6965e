using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout.EnterScopeRegisterFirst;

// Under Lock.EnterScope the waiter is added before the permit check: nothing to race with, the store is wasted on Ready.
public sealed class Pool
{
    private readonly Lock _lock = new();
    private readonly List<Waker> _waiters = new();
    private int _free = 1;

    public Poll<Unit> PollRent(Context cx)
    {
        using (_lock.EnterScope())
        {
            _waiters.Add(cx.Waker); // expect: WAKE009
            if (_free > 0) { _free--; return Poll<Unit>.Ready(Unit.Value); }
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
