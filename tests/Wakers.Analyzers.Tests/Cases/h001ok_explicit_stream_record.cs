using System.Collections.Concurrent;
using Wakers;

namespace Heldout.ExplicitStreamRecordOk;

// A record class implementing IStream<T>.PollNext explicitly, registering with an AtomicWaker and re-checking.
public sealed record Ticks(ConcurrentQueue<long> Queue, AtomicWaker Waker) : IStream<long>
{
    public void Push(long t)
    {
        Queue.Enqueue(t);
        Waker.Wake();
    }

    Poll<(bool HasItem, long Item)> IStream<long>.PollNext(Context cx)
    {
        if (Queue.TryDequeue(out var t)) return Poll<(bool, long)>.Ready((true, t));
        Waker.Register(cx.Waker);
        if (Queue.TryDequeue(out t)) return Poll<(bool, long)>.Ready((true, t));
        return Poll<(bool, long)>.Pending;
    }
}
