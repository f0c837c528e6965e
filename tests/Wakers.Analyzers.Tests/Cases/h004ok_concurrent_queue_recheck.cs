using System.Collections.Concurrent;
using Wakers;

namespace Heldout.ConcurrentQueueRecheckOk;

// An unbounded channel's receiver stream: try, register with the AtomicWaker, try again.
public sealed class Receiver : IStream<string>
{
    private readonly ConcurrentQueue<string> _queue = new();
    private readonly AtomicWaker _rxWaker = new();

    public void Send(string item)
    {
        _queue.Enqueue(item);
        _rxWaker.Wake();
    }

    public Poll<(bool HasItem, string Item)> PollNext(Context cx)
    {
        if (_queue.TryDequeue(out var item)) return Poll<(bool, string)>.Ready((true, item));
        _rxWaker.Register(cx.Waker);
        if (_queue.TryDequeue(out item)) return Poll<(bool, string)>.Ready((true, item));
        return Poll<(bool, string)>.Pending;
    }
}
