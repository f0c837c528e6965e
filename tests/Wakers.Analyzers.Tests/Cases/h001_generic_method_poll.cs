using System.Collections.Generic;
using Wakers;

namespace Heldout.GenericMethodPoll;

// A generic poll method on a non-generic mailbox: the typed branch returns Pending without queueing its waker.
public sealed class TypedMailbox
{
    private readonly object _gate = new();
    private readonly Queue<object> _mail = new();
    private readonly List<Waker> _waiters = new();

    public Poll<T> PollTake<T>(Context cx)
    {
        lock (_gate)
        {
            if (_mail.Count > 0 && _mail.Peek() is T t) { _mail.Dequeue(); return Poll<T>.Ready(t); }
            if (_mail.Count > 0) return Poll<T>.Pending; // expect: WAKE001
            _waiters.Add(cx.Waker);
            return Poll<T>.Pending;
        }
    }

    public void Post(object message)
    {
        Waker[] ws;
        lock (_gate) { _mail.Enqueue(message); ws = _waiters.ToArray(); _waiters.Clear(); }
        foreach (var w in ws) w.Wake();
    }
}
