using System.Collections.Generic;
using Wakers;

namespace Heldout3.QueueClearOk;

// Drop empties the queue: an empty queue cannot make the receiver Ready, so no wake is owed.
public sealed class Mailbox : IFuture<string>
{
    private readonly object _gate = new();
    private readonly Queue<string> _items = new();
    private Waker? _waiter;

    public void Post(string item)
    {
        Waker? w;
        lock (_gate) { _items.Enqueue(item); w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public void Drop()
    {
        lock (_gate) { _items.Clear(); }
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_items.Count > 0) return Poll<string>.Ready(_items.Dequeue());
            _waiter = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
