using Wakers;

namespace Heldout3.IndexerSlot;

// Fills a result slot by index and never wakes the task waiting for slot 0.
public sealed class Slots : IFuture<string>
{
    private readonly object _gate = new();
    private readonly string?[] _results = new string?[4];
    private Waker? _waiter;

    public void Fill(int i, string value)
    {
        lock (_gate) { _results[i] = value; } // expect: WAKE006
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_results[0] is { } r) return Poll<string>.Ready(r);
            _waiter = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
