using System.Collections.Concurrent;
using System.Threading;
using Wakers;

namespace Heldout3.TakeWakeThenEnqueue;

// Send takes and wakes the parked receiver, then enqueues: the receiver may poll an empty queue.
public sealed class Channel : IFuture<int>
{
    private readonly ConcurrentQueue<int> _queue = new();
    private Waker? _receiver;

    public void Send(int item)
    {
        Interlocked.Exchange(ref _receiver, null)?.Wake(); // expect: WAKE005
        _queue.Enqueue(item);
    }

    public Poll<int> Poll(Context cx)
    {
        Volatile.Write(ref _receiver, cx.Waker);
        if (_queue.TryDequeue(out var item)) return Poll<int>.Ready(item);
        return Poll<int>.Pending;
    }
}
