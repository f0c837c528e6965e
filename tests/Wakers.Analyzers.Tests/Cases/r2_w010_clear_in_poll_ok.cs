using System.Collections.Generic;
using Wakers;

namespace Heldout2.ClearInPollOk;

// The receiver drops its own registration when it returns Ready: clearing inside the poll strands nobody.
public sealed class Queue1<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private Waker? _rx;

    public void Push(T item)
    {
        Waker? w;
        lock (_gate) { _items.Enqueue(item); w = _rx; _rx = null; }
        w?.Wake();
    }

    public Poll<T> PollPop(Context cx)
    {
        lock (_gate)
        {
            if (_items.TryDequeue(out var item))
            {
                _rx = null;
                return Poll<T>.Ready(item);
            }
            _rx = cx.Waker;
            return Poll<T>.Pending;
        }
    }
}
