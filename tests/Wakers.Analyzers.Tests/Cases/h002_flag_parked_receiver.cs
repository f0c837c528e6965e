using System.Collections.Generic;
using Wakers;

namespace Heldout.FlagParkedReceiver;

// A channel receiver parks once: the "parked" flag set with the store keeps the first task's waker forever.
public sealed class Rx
{
    private readonly object _gate = new();
    private readonly Queue<string> _queue = new();
    private bool _parked;
    private Waker? _rxWaker;

    public Poll<string> PollRecv(Context cx)
    {
        lock (_gate)
        {
            if (_queue.Count > 0) { _parked = false; return Poll<string>.Ready(_queue.Dequeue()); }
            if (!_parked)
            {
                _rxWaker = cx.Waker; // expect: WAKE002
                _parked = true;
            }
            return Poll<string>.Pending;
        }
    }

    public void Send(string msg)
    {
        Waker? w;
        lock (_gate) { _queue.Enqueue(msg); w = _rxWaker; }
        w?.Wake();
    }
}
