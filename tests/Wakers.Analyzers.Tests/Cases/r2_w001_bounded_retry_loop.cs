using System.Threading;
using Wakers;

namespace Heldout2.BoundedRetryLoop;

// Tries to grab a permit a few times with a CAS loop, then gives up with Pending and no waker stored.
public sealed class Semaphore
{
    private readonly AtomicWaker _waiter = new();
    private int _permits;

    public Semaphore(int permits) => _permits = permits;

    public void Release()
    {
        Interlocked.Increment(ref _permits);
        _waiter.Wake();
    }

    public Poll<Unit> PollAcquire(Context cx)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var n = Volatile.Read(ref _permits);
            if (n == 0) continue;
            if (Interlocked.CompareExchange(ref _permits, n - 1, n) == n) return Poll<Unit>.Ready(Unit.Value);
        }
        return Poll<Unit>.Pending; // expect: WAKE001
    }
}
