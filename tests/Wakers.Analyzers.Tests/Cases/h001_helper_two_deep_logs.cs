using System;
using Wakers;

namespace Heldout.HelperTwoDeepLogs;

// The registration helper delegates to a second helper that only traces the waker: nothing keeps it.
public sealed class Door : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _open;
    private Waker? _waiter;

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_open) return Poll<Unit>.Ready(Unit.Value);
            Enqueue(cx);
            return Poll<Unit>.Pending; // expect: WAKE001
        }
    }

    private void Enqueue(Context cx) => Trace(cx.Waker);

    private static void Trace(Waker waker) => Console.WriteLine("parked " + waker.GetHashCode());

    public void Open()
    {
        Waker? w;
        lock (_gate) { _open = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }
}
