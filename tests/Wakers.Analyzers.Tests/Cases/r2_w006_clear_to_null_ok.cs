using Wakers;

namespace Heldout2.ClearToNullOk;

// Take() empties the slot without waking anyone: clearing the value can never make the poll ready.
public sealed class Mailbox : IFuture<string>
{
    private readonly object _gate = new();
    private string? _letter;
    private Waker? _reader;

    public void Put(string letter)
    {
        Waker? w;
        lock (_gate) { _letter = letter; w = _reader; _reader = null; }
        w?.Wake();
    }

    public string? TakeNow()
    {
        lock (_gate)
        {
            var l = _letter;
            _letter = null;
            return l;
        }
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_letter is not null) return Poll<string>.Ready(_letter);
            _reader = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
