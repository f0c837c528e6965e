using System.Collections.Concurrent;
using Wakers;

namespace Heldout2.ConcurrentMapTryAdd;

// Replies routed by request id: the reply future parks its waker with TryAdd, which keeps the first
// waker forever once the entry exists.
public sealed class Router
{
    internal readonly ConcurrentDictionary<int, string> Replies = new();
    internal readonly ConcurrentDictionary<int, Waker> Waiters = new();

    public void Deliver(int id, string reply)
    {
        Replies[id] = reply;
        if (Waiters.TryRemove(id, out var w)) w.Wake();
    }

    public ReplyFuture Await(int id) => new(this, id);
}

public sealed class ReplyFuture : IFuture<string>
{
    private readonly Router _router;
    private readonly int _id;

    internal ReplyFuture(Router router, int id) { _router = router; _id = id; }

    public Poll<string> Poll(Context cx)
    {
        _router.Waiters.TryAdd(_id, cx.Waker); // expect: WAKE002
        if (_router.Replies.TryRemove(_id, out var reply)) return Poll<string>.Ready(reply);
        return Poll<string>.Pending;
    }
}
