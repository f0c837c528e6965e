using Wakers;

namespace Heldout2.CancelExpressionBodied;

// A cancellable receive: Cancel is a one-liner that flips the flag Poll answers Ready on, and wakes nobody.
public sealed class Recv : IFuture<string?>
{
    private readonly object _gate = new();
    private string? _message;
    private volatile bool _cancelled;
    private Waker? _waiter;

    public void Deliver(string message)
    {
        Waker? w;
        lock (_gate) { _message = message; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public void Cancel() => _cancelled = true; // expect: WAKE006

    public Poll<string?> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_cancelled) return Poll<string?>.Ready(null);
            if (_message is not null) return Poll<string?>.Ready(_message);
            _waiter = cx.Waker;
            return Poll<string?>.Pending;
        }
    }
}
