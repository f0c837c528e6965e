using System.Threading;
using Wakers;

namespace Heldout.VolatileClear;

// Rearm clears the slot with Volatile.Write(null): the task waiting for the next tick is never woken.
public sealed class Tick : IFuture<int>
{
    private readonly object _gate = new();
    private Waker? _waiter;
    private int _ticks;

    public void Fire()
    {
        Waker? w;
        lock (_gate) { _ticks++; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public void Rearm()
    {
        Volatile.Write(ref _waiter, null); // expect: WAKE010
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_ticks > 0) return Poll<int>.Ready(_ticks);
            _waiter = cx.Waker;
            return Poll<int>.Pending;
        }
    }
}
