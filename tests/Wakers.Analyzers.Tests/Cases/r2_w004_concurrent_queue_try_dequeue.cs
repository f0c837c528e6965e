using System.Collections.Concurrent;
using Wakers;

namespace Heldout2.ConcurrentQueueTryDequeue;

// A lock-free mpsc receiver: TryDequeue fails, a sender enqueues and finds no waker, then the receiver
// stores its waker and sleeps with an item in the queue.
public sealed class Mpsc<T>
{
    private readonly ConcurrentQueue<T> _queue = new();
    private volatile Waker? _rx;

    public void Send(T item)
    {
        _queue.Enqueue(item);
        _rx?.Wake();
    }

    public Poll<T> PollRecv(Context cx)
    {
        if (_queue.TryDequeue(out var item)) return Poll<T>.Ready(item);
        _rx = cx.Waker; // expect: WAKE004
        return Poll<T>.Pending;
    }
}
