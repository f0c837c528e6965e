using System.Collections.Generic;
using Wakers;

namespace Heldout.SendEnqueueNoWake;

// An unbounded channel whose TrySend enqueues the item and forgets to wake the parked receiver.
public sealed class Unbounded<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private Waker? _rx;

    public bool TrySend(T item)
    {
        lock (_gate)
        {
            _items.Enqueue(item); // expect: WAKE006
            return true;
        }
    }

    public Poll<T> PollRecv(Context cx)
    {
        lock (_gate)
        {
            if (_items.Count > 0) return Poll<T>.Ready(_items.Dequeue());
            _rx = cx.Waker;
            return Poll<T>.Pending;
        }
    }
}
