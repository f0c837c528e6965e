using System.Collections.Generic;
using Wakers;

namespace Heldout.LinkedListNodeRefreshOk;

// A Notify-style waiter list: the first poll adds a node, later polls overwrite the node's waker.
public sealed class Notified : IFuture<Unit>
{
    private readonly object _gate;
    private readonly LinkedList<Waker> _waiters;
    private readonly Func _isNotified;
    private LinkedListNode<Waker>? _node;

    public delegate bool Func();

    public Notified(object gate, LinkedList<Waker> waiters, Func isNotified) { _gate = gate; _waiters = waiters; _isNotified = isNotified; }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_isNotified()) return Poll<Unit>.Ready(Unit.Value);
            if (_node is null) _node = _waiters.AddLast(cx.Waker);
            else _node.Value = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
