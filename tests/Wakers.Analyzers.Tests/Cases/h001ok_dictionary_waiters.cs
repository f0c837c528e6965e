using System.Collections.Generic;
using Wakers;

namespace Heldout.DictionaryWaitersOk;

// A keyed rendezvous: each poll writes its current waker into a dictionary slot under the lock.
public sealed class Rendezvous
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Waker> _waiters = new();
    private readonly Dictionary<int, string> _replies = new();

    public Poll<string> PollReply(int id, Context cx)
    {
        lock (_gate)
        {
            if (_replies.Remove(id, out var reply)) return Poll<string>.Ready(reply);
            _waiters[id] = cx.Waker;
            return Poll<string>.Pending;
        }
    }

    public void Reply(int id, string text)
    {
        Waker? w;
        lock (_gate)
        {
            _replies[id] = text;
            _waiters.Remove(id, out w);
        }
        w?.Wake();
    }
}
