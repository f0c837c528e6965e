using System.Collections.Generic;
using Wakers;

namespace Heldout2.ForeachWakeThenClose;

// Close wakes every parked receiver (from a copy of the list) first and marks the channel closed
// afterwards: a receiver polled in between sees it open and parks again, for good.
public sealed class Channel
{
    private readonly object _gate = new();
    private readonly List<Waker> _receivers = new();
    private bool _closed;

    public void Close()
    {
        Waker[] parked;
        lock (_gate) { parked = _receivers.ToArray(); }
        foreach (var w in parked) w.Wake(); // expect: WAKE005
        lock (_gate) { _closed = true; }
    }

    public Poll<bool> PollClosed(Context cx)
    {
        lock (_gate)
        {
            if (_closed) return Poll<bool>.Ready(true);
            _receivers.Add(cx.Waker);
            return Poll<bool>.Pending;
        }
    }
}
