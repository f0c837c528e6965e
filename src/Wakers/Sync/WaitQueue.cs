using System;

namespace Wakers.Sync;

/// <summary>A FIFO intrusive list of <see cref="WaitNode"/>s: O(1) enqueue, dequeue and removal of a cancelled waiter.</summary>
internal sealed class WaitQueue
{
    private WaitNode? _head;
    private WaitNode? _tail;

    internal bool IsEmpty => _head is null;

    internal WaitNode? Head => _head;

    internal void Enqueue(WaitNode node)
    {
        if (node.IsQueued) throw new InvalidOperationException("The waiter is already queued.");
        node.IsQueued = true;
        node.Next = null;
        node.Previous = _tail;
        if (_tail is null) _head = node;
        else _tail.Next = node;
        _tail = node;
    }

    internal WaitNode? Dequeue()
    {
        var node = _head;
        if (node is not null) Remove(node);
        return node;
    }

    /// <summary>Unlinks <paramref name="node"/>; false when it was not queued.</summary>
    internal bool Remove(WaitNode node)
    {
        if (!node.IsQueued) return false;
        if (node.Previous is null) _head = node.Next;
        else node.Previous.Next = node.Next;
        if (node.Next is null) _tail = node.Previous;
        else node.Next.Previous = node.Previous;
        node.Previous = node.Next = null;
        node.IsQueued = false;
        return true;
    }
}
