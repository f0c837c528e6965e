using Wakers;

namespace Heldout2.PartialClassClose;

// A channel split over two partial declarations: the receiving half parks its waker, the closing half
// (in the other part) sets the flag and wakes nobody.
public sealed partial class Channel
{
    private readonly object _gate = new();
    private int _count;
    private bool _closed;
    private Waker? _rx;

    public Poll<bool> PollReadable(Context cx)
    {
        lock (_gate)
        {
            if (_count > 0 || _closed) return Poll<bool>.Ready(_count > 0);
            _rx = cx.Waker;
            return Poll<bool>.Pending;
        }
    }
}

public sealed partial class Channel
{
    public void Write()
    {
        Waker? w;
        lock (_gate) { _count++; w = _rx; _rx = null; }
        w?.Wake();
    }

    public void Close()
    {
        lock (_gate) { _closed = true; } // expect: WAKE006
    }
}
