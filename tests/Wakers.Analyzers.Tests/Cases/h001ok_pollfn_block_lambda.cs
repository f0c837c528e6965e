using System.Collections.Generic;
using Wakers;

namespace Heldout.PollFnBlockLambdaOk;

// A PollFn<T> lambda with a block body that queues its waker under the lock on every Pending poll.
public sealed class Latch
{
    private readonly object _gate = new();
    private readonly List<Waker> _waiters = new();
    private int _count;

    public Latch(int count) => _count = count;

    public void CountDown()
    {
        Waker[] ws = System.Array.Empty<Waker>();
        lock (_gate)
        {
            if (--_count == 0) { ws = _waiters.ToArray(); _waiters.Clear(); }
        }
        foreach (var w in ws) w.Wake();
    }

    public PollFn<Unit> Waiter() => cx =>
    {
        lock (_gate)
        {
            if (_count <= 0) return Poll<Unit>.Ready(Unit.Value);
            _waiters.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    };
}
