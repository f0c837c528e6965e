using System;
using System.Threading;
using Wakers;

namespace Heldout2.CountdownWaitInPoll;

// Waits for all workers "with a timeout" from inside the poll: a second of blocked executor thread.
public sealed class AllStarted : IFuture<bool>
{
    private readonly CountdownEvent _started;

    public AllStarted(CountdownEvent started) => _started = started;

    public Poll<bool> Poll(Context cx)
    {
        if (_started.IsSet) return Poll<bool>.Ready(true);
        var ok = _started.Wait(TimeSpan.FromSeconds(1)); // expect: WAKE007
        return Poll<bool>.Ready(ok);
    }
}
