using System.Threading;
using Wakers;

namespace Heldout3.CancelLambdaDrops;

// Attach makes cancellation forget the parked waker instead of waking it.
public sealed class Signal : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _signalled;
    private Waker? _waiter;

    public void Attach(CancellationToken token)
    {
        token.Register(() =>
        {
            lock (_gate) { _waiter = null; } // expect: WAKE010
        });
    }

    public void Raise()
    {
        Waker? w;
        lock (_gate) { _signalled = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_signalled) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
