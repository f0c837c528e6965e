using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout2.SenderDropWakesFirst;

// Dropping the last sender must end the receiver's stream; this one wakes the receiver before it
// lowers the sender count, so the woken receiver still sees a live sender and goes back to sleep.
public sealed class Channel<T> : IStream<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _queue = new();
    private int _senders = 1;
    private Waker? _rx;

    public void DropSender()
    {
        Volatile.Read(ref _rx)?.Wake(); // expect: WAKE005
        Interlocked.Decrement(ref _senders);
    }

    public void Send(T item)
    {
        Waker? w;
        lock (_gate) { _queue.Enqueue(item); w = _rx; _rx = null; }
        w?.Wake();
    }

    public Poll<(bool HasItem, T Item)> PollNext(Context cx)
    {
        lock (_gate)
        {
            if (_queue.TryDequeue(out var item)) return Poll<(bool, T)>.Ready((true, item));
            if (Volatile.Read(ref _senders) == 0) return Poll<(bool, T)>.Ready((false, default!));
            _rx = cx.Waker;
            return Poll<(bool, T)>.Pending;
        }
    }
}
