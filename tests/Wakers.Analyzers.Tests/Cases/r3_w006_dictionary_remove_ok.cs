using System.Collections.Generic;
using Wakers;

namespace Heldout3.DictionaryRemoveOk;

// Forget removes a response nobody will read: removing can never make TryGetValue succeed.
public sealed class PendingReply : IFuture<string>
{
    private readonly object _gate = new();
    private readonly Dictionary<int, string> _responses = new();
    private readonly int _id;
    private Waker? _waiter;

    public PendingReply(int id) => _id = id;

    public void Deliver(int id, string body)
    {
        Waker? w;
        lock (_gate) { _responses[id] = body; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public void Forget(int id)
    {
        lock (_gate) { _responses.Remove(id); }
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_responses.TryGetValue(_id, out var body)) return Poll<string>.Ready(body);
            _waiter = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
