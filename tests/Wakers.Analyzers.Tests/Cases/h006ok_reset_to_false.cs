using System.Collections.Generic;
using Wakers;

namespace Heldout.ResetToFalseOk;

// A manual-reset event: Reset only sets the flag back to false, which can never make a waiter ready.
public sealed class ManualResetEvent
{
    private readonly object _gate = new();
    private readonly List<Waker> _waiters = new();
    private bool _set;

    public void Set()
    {
        Waker[] ws;
        lock (_gate) { _set = true; ws = _waiters.ToArray(); _waiters.Clear(); }
        foreach (var w in ws) w.Wake();
    }

    public void Reset()
    {
        lock (_gate) { _set = false; }
    }

    public Poll<Unit> PollWait(Context cx)
    {
        lock (_gate)
        {
            if (_set) return Poll<Unit>.Ready(Unit.Value);
            _waiters.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }
}
