using System;
using System.Threading;
using Wakers;

namespace Heldout2.SemaphoreWaitInHelper;

// An async mutex built on SemaphoreSlim: the try helper "waits a little" for the permit, which blocks
// the executor thread for up to 5 ms on every poll.
public sealed class LockFuture : IFuture<IDisposable>
{
    private readonly SemaphoreSlim _sem;
    private readonly AtomicWaker _waiter;

    public LockFuture(SemaphoreSlim sem, AtomicWaker waiter) { _sem = sem; _waiter = waiter; }

    private bool TryTake() => _sem.Wait(TimeSpan.FromMilliseconds(5)); // expect: WAKE007

    public Poll<IDisposable> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        if (TryTake()) return Poll<IDisposable>.Ready(new Releaser(_sem, _waiter));
        return Poll<IDisposable>.Pending;
    }

    private sealed class Releaser : IDisposable
    {
        private readonly SemaphoreSlim _sem;
        private readonly AtomicWaker _waiter;
        public Releaser(SemaphoreSlim sem, AtomicWaker waiter) { _sem = sem; _waiter = waiter; }
        public void Dispose() { _sem.Release(); _waiter.Wake(); }
    }
}
