using System.Collections.Generic;
using Wakers;

namespace Heldout.WakeThroughHelperOk;

// A broadcast-style notify: both publishers wake every waiter through a private helper of the same type.
public sealed class Broadcast
{
    private readonly object _gate = new();
    private readonly Queue<Waker> _waiters = new();
    private int _version;
    private bool _closed;

    public void Publish()
    {
        lock (_gate) { _version++; }
        WakeAll();
    }

    public void Close()
    {
        lock (_gate) { _closed = true; }
        WakeAll();
    }

    private void WakeAll()
    {
        List<Waker> ws = new();
        lock (_gate) { while (_waiters.Count > 0) ws.Add(_waiters.Dequeue()); }
        foreach (var w in ws) w.Wake();
    }

    public Poll<bool> PollChanged(int seen, Context cx)
    {
        lock (_gate)
        {
            if (_closed) return Poll<bool>.Ready(false);
            if (_version != seen) return Poll<bool>.Ready(true);
            _waiters.Enqueue(cx.Waker);
            return Poll<bool>.Pending;
        }
    }
}
