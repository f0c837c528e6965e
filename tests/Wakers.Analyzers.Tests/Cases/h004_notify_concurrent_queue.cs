using System.Collections.Concurrent;
using Wakers;

namespace Heldout.NotifyConcurrentQueue;

// tokio Notify, naive: check the notified flag, then enqueue the waker, with no lock and no re-check.
public sealed class Notify
{
    private volatile bool _notified;
    private readonly ConcurrentQueue<Waker> _waiters = new();

    public void NotifyWaiters()
    {
        _notified = true;
        while (_waiters.TryDequeue(out var w)) w.Wake();
    }

    public Poll<Unit> PollNotified(Context cx)
    {
        if (_notified) return Poll<Unit>.Ready(Unit.Value);
        _waiters.Enqueue(cx.Waker); // expect: WAKE004
        return Poll<Unit>.Pending;
    }
}
