using System.Collections.Concurrent;
using System.Threading;
using Wakers;

namespace Heldout.DequeueAndWakeOk;

// Close publishes first, then drains the waiter queue waking each waker it takes.
public sealed class Closable
{
    private readonly ConcurrentQueue<Waker> _waiters = new();
    private int _closed;

    public void Close()
    {
        Interlocked.Exchange(ref _closed, 1);
        while (_waiters.TryDequeue(out var w)) w.Wake();
    }

    public Poll<Unit> PollClosed(Context cx)
    {
        if (Volatile.Read(ref _closed) == 1) return Poll<Unit>.Ready(Unit.Value);
        _waiters.Enqueue(cx.Waker);
        if (Volatile.Read(ref _closed) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
