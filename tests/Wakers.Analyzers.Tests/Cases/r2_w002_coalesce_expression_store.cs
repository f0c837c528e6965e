using Wakers;

namespace Heldout2.CoalesceExpressionStore;

// `_waiter = _waiter ?? cx.Waker` is `??=` spelled out: the first waker stays forever.
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
            _waiter = _waiter ?? cx.Waker; // expect: WAKE002
            return Poll<string>.Pending;
        }
    }
}
