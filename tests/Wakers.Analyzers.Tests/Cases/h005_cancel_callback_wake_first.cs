using System.Threading;
using Wakers;

namespace Heldout.CancelCallbackWakeFirst;

// The token's callback wakes the task first and sets the cancelled flag second.
public sealed class Cancellable : IFuture<bool>
{
    private readonly object _gate = new();
    private bool _cancelled;
    private bool _done;
    private Waker? _waiter;

    public Cancellable(CancellationToken token)
    {
        token.Register(() =>
        {
            _waiter?.Wake(); // expect: WAKE005
            lock (_gate) { _cancelled = true; }
        });
    }

    public void Finish()
    {
        Waker? w;
        lock (_gate) { _done = true; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<bool> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_cancelled) return Poll<bool>.Ready(false);
            if (_done) return Poll<bool>.Ready(true);
            _waiter = cx.Waker;
            return Poll<bool>.Pending;
        }
    }
}
