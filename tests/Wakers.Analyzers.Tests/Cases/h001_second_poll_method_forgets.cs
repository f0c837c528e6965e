using Wakers;

namespace Heldout.SecondPollMethodForgets;

// A socket with PollReadable and PollWritable: the writable side never stores its waker.
public sealed class Socket
{
    private readonly object _gate = new();
    private bool _readable;
    private bool _writable;
    private Waker? _readWaker;
    private Waker? _writeWaker;

    public Poll<Unit> PollReadable(Context cx)
    {
        lock (_gate)
        {
            if (_readable) return Poll<Unit>.Ready(Unit.Value);
            _readWaker = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }

    public Poll<Unit> PollWritable(Context cx)
    {
        lock (_gate)
        {
            if (_writable) return Poll<Unit>.Ready(Unit.Value);
            return Poll<Unit>.Pending; // expect: WAKE001
        }
    }

    public void OnEvent(bool readable, bool writable)
    {
        Waker? r, w;
        lock (_gate)
        {
            _readable = readable;
            _writable = writable;
            r = _readWaker; _readWaker = null;
            w = _writeWaker; _writeWaker = null;
        }
        r?.Wake();
        w?.Wake();
    }
}
