using System;
using Wakers;

namespace Heldout3.FinallyWakesOk;

// Run publishes under the lock and wakes in the finally block, whatever the body did.
public sealed class Work : IFuture<Unit>
{
    private readonly object _gate = new();
    private readonly AtomicWaker _waiter = new();
    private bool _done;

    public void Run(Action body)
    {
        try
        {
            body();
            lock (_gate) { _done = true; }
        }
        finally
        {
            _waiter.Wake();
        }
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        lock (_gate)
        {
            return _done ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
        }
    }
}
