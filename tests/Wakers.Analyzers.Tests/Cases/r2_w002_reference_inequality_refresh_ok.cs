using Wakers;

namespace Heldout2.ReferenceInequalityRefreshOk;

// Stores unless the very same waker object is already there: every new waker replaces the old one.
public sealed class Reply : IFuture<string>
{
    private readonly object _gate = new();
    private string? _text;
    private Waker? _waiter;

    public void Complete(string text)
    {
        Waker? w;
        lock (_gate) { _text = text; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_text is { } t) return Poll<string>.Ready(t);
            if (!ReferenceEquals(_waiter, cx.Waker)) _waiter = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
