using System;
using System.Threading;
using Wakers;

namespace Heldout.TimerThreadWakesFirst;

// The async book's timer with the thread's two steps swapped: it wakes before marking the timer completed.
public sealed class TimerFuture : IFuture<Unit>
{
    private sealed class SharedState { public bool Completed; public Waker? Waker; }
    private readonly SharedState _shared = new();

    public TimerFuture(TimeSpan duration)
    {
        var shared = _shared;
        new Thread(() =>
        {
            Thread.Sleep(duration);
            shared.Waker?.Wake(); // expect: WAKE005
            lock (shared) { shared.Completed = true; }
        }).Start();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_shared)
        {
            if (_shared.Completed) return Poll<Unit>.Ready(Unit.Value);
            _shared.Waker = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
