using System.Threading;
using Wakers;

namespace Heldout.WaitHandleInfinite;

// A .NET port that waits on the event's WaitHandle and on a semaphore with an infinite timeout inside poll.
public sealed class Gate : IFuture<Unit>
{
    private readonly ManualResetEventSlim _opened = new(false);
    private readonly SemaphoreSlim _turnstile = new(1);

    public void Open() => _opened.Set();

    public Poll<Unit> Poll(Context cx)
    {
        _opened.WaitHandle.WaitOne(); // expect: WAKE007
        _turnstile.Wait(Timeout.Infinite); // expect: WAKE007
        _turnstile.Release();
        return Poll<Unit>.Ready(Unit.Value);
    }
}
