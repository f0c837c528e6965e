using System.Collections.Concurrent;
using System.Threading;
using Wakers;

namespace Heldout.BoundedSendCapacity;

// A bounded channel's send waits for capacity: it reads the count, then parks its waker, with no re-check.
public sealed class Bounded
{
    private readonly ConcurrentQueue<int> _queue = new();
    private readonly int _capacity;
    private int _count;
    private Waker? _sender;

    public Bounded(int capacity) => _capacity = capacity;

    public Poll<Unit> PollSend(int item, Context cx)
    {
        if (Volatile.Read(ref _count) < _capacity)
        {
            _queue.Enqueue(item);
            Interlocked.Increment(ref _count);
            return Poll<Unit>.Ready(Unit.Value);
        }
        _sender = cx.Waker; // expect: WAKE004
        return Poll<Unit>.Pending;
    }

    public bool TryRecv(out int item)
    {
        if (!_queue.TryDequeue(out item)) return false;
        Interlocked.Decrement(ref _count);
        Interlocked.Exchange(ref _sender, null)?.Wake();
        return true;
    }
}
