using System.Threading;
using Wakers;

namespace Heldout2.ReleaseIncrement;

// An async semaphore: AddPermits wakes the waiter, Release only bumps the count.
public sealed class Permits
{
    private readonly AtomicWaker _waiter = new();
    private int _available;

    public void AddPermits(int n)
    {
        Interlocked.Add(ref _available, n);
        _waiter.Wake();
    }

    public void Release()
    {
        Interlocked.Increment(ref _available); // expect: WAKE006
    }

    public Poll<Unit> PollAcquire(Context cx)
    {
        _waiter.Register(cx.Waker);
        while (true)
        {
            var n = Volatile.Read(ref _available);
            if (n == 0) return Poll<Unit>.Pending;
            if (Interlocked.CompareExchange(ref _available, n - 1, n) == n) return Poll<Unit>.Ready(Unit.Value);
        }
    }
}
