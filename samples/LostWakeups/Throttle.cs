using System;
using System.Threading;
using Wakers;

namespace LostWakeups;

/// <summary>Lets one call through per interval: waits with the shared timer, never with the executor's thread.</summary>
public sealed class Throttle : IFuture<Unit>
{
    private readonly Delay _delay;

    public Throttle(TimeSpan interval) => _delay = new Delay(interval);

    public Poll<Unit> Poll(Context cx) => _delay.Poll(cx); // the delay stores cx.Waker and wakes it
}

/// <summary>The throttle that sleeps inside poll: every other task on this executor thread stalls with it.</summary>
public sealed class SleepyThrottle : IFuture<Unit>
{
    private readonly TimeSpan _interval;

    public SleepyThrottle(TimeSpan interval) => _interval = interval;

    public Poll<Unit> Poll(Context cx)
    {
        Thread.Sleep(_interval); // BUG WAKE007: blocks the executor's thread
        return Poll<Unit>.Ready(Unit.Value);
    }
}
