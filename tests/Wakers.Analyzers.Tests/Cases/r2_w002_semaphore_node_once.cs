using System.Collections.Generic;
using Wakers;

namespace Heldout2.SemaphoreNodeOnce;

// An async semaphore with an intrusive waiter list: the acquire future links its node once and never
// updates the waker in it, so a poll from a new task leaves the old task's waker in the queue.
public sealed class AsyncSemaphore
{
    internal readonly object Gate = new();
    internal readonly LinkedList<Waker> Waiters = new();
    internal int Permits;

    public AsyncSemaphore(int permits) => Permits = permits;

    public Acquire AcquireAsync() => new(this);

    public void Release()
    {
        Waker? next = null;
        lock (Gate)
        {
            Permits++;
            next = Waiters.First?.Value;
        }
        next?.Wake();
    }
}

public sealed class Acquire : IFuture<Unit>
{
    private readonly AsyncSemaphore _sem;
    private LinkedListNode<Waker>? _node;

    internal Acquire(AsyncSemaphore sem) => _sem = sem;

    public Poll<Unit> Poll(Context cx)
    {
        lock (_sem.Gate)
        {
            if (_sem.Permits > 0 && (_node is null || _node == _sem.Waiters.First))
            {
                _sem.Permits--;
                if (_node is not null) { _sem.Waiters.Remove(_node); _node = null; }
                return Poll<Unit>.Ready(Unit.Value);
            }
            if (_node is null) _node = _sem.Waiters.AddLast(cx.Waker); // expect: WAKE002
            return Poll<Unit>.Pending;
        }
    }
}
