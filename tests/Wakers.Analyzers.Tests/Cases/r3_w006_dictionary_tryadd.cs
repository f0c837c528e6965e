using System.Collections.Generic;
using Wakers;

namespace Heldout3.DictionaryTryAdd;

// Responses keyed by request id: Deliver stores the response but never wakes the waiting caller.
public sealed class PendingReply : IFuture<string>
{
    private readonly object _gate = new();
    private readonly Dictionary<int, string> _responses = new();
    private readonly int _id;
    private Waker? _waiter;

    public PendingReply(int id) => _id = id;

    public void Deliver(int id, string body)
    {
        lock (_gate)
        {
            _responses.TryAdd(id, body); // expect: WAKE006
        }
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
