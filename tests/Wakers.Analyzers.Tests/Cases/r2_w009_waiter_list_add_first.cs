using System.Collections.Generic;
using Wakers;

namespace Heldout2.WaiterListAddFirst;

// A permit pool that enqueues the waker under the lock before it looks for a free permit.
public sealed class Pool
{
    private readonly object _gate = new();
    private readonly List<Waker> _waiters = new();
    private int _free;

    public void Return()
    {
        Waker[] wake;
        lock (_gate) { _free++; wake = _waiters.ToArray(); _waiters.Clear(); }
        foreach (var w in wake) w.Wake();
    }

    public Poll<Unit> PollTake(Context cx)
    {
        lock (_gate)
        {
            _waiters.Add(cx.Waker); // expect: WAKE009
            if (_free > 0)
            {
                _free--;
                return Poll<Unit>.Ready(Unit.Value);
            }
            return Poll<Unit>.Pending;
        }
    }
}
