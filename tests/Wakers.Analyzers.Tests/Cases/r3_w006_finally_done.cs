using System;
using Wakers;

namespace Heldout3.FinallyDone;

// Run marks the work done in a finally block, and the task awaiting it is never woken.
public sealed class Work : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private volatile bool _done;

    public void Run(Action body)
    {
        try
        {
            body();
        }
        finally
        {
            _done = true; // expect: WAKE006
        }
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return _done ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
