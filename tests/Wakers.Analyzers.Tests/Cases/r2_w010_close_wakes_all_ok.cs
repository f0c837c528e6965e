using System.Collections.Generic;
using Wakers;

namespace Heldout2.CloseWakesAllOk;

// Closing a bounded channel wakes every blocked sender and receiver before it forgets them.
public sealed class Bounded<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private readonly List<Waker> _senders = new();
    private Waker? _receiver;
    private readonly int _capacity;
    private bool _closed;

    public Bounded(int capacity) => _capacity = capacity;

    public void Close()
    {
        Waker[] senders;
        Waker? receiver;
        lock (_gate)
        {
            _closed = true;
            senders = _senders.ToArray();
            _senders.Clear();
            receiver = _receiver;
            _receiver = null;
        }
        foreach (var s in senders) s.Wake();
        receiver?.Wake();
    }

    public Poll<bool> PollSend(Context cx, T item)
    {
        Waker? receiver;
        lock (_gate)
        {
            if (_closed) return Poll<bool>.Ready(false);
            if (_items.Count >= _capacity)
            {
                _senders.Add(cx.Waker);
                return Poll<bool>.Pending;
            }
            _items.Enqueue(item);
            receiver = _receiver;
            _receiver = null;
        }
        receiver?.Wake();
        return Poll<bool>.Ready(true);
    }

    public Poll<(bool HasItem, T Item)> PollRecv(Context cx)
    {
        Waker[] senders;
        T item;
        lock (_gate)
        {
            if (_items.Count == 0)
            {
                if (_closed) return Poll<(bool, T)>.Ready((false, default!));
                _receiver = cx.Waker;
                return Poll<(bool, T)>.Pending;
            }
            item = _items.Dequeue();
            senders = _senders.ToArray();
            _senders.Clear();
        }
        foreach (var s in senders) s.Wake();
        return Poll<(bool, T)>.Ready((true, item));
    }
}
