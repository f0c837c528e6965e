using Wakers;

namespace Heldout.HelperStoreOnce;

// The null check is in the poll, the store is in a helper: the call is where the stale registration is made.
public sealed class Lookup : IFuture<string>
{
    private readonly object _gate = new();
    private string? _answer;
    private Waker? _waiter;

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_answer is { } a) return Poll<string>.Ready(a);
            if (_waiter is null) Remember(cx.Waker); // expect: WAKE002
            return Poll<string>.Pending;
        }
    }

    private void Remember(Waker waker) => _waiter = waker;

    public void Resolve(string answer)
    {
        Waker? w;
        lock (_gate) { _answer = answer; w = _waiter; _waiter = null; }
        w?.Wake();
    }
}
