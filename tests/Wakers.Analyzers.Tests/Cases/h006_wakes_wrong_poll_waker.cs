using Wakers;

namespace Heldout.WakesWrongPollWaker;

// A pipe with two poll methods: Write publishes bytes for PollRead but only wakes the writer-side waker.
public sealed class Pipe
{
    private readonly object _gate = new();
    private int _buffered;
    private Waker? _readWaker;
    private Waker? _writeWaker;

    public Poll<int> PollRead(Context cx)
    {
        lock (_gate)
        {
            if (_buffered > 0) { var n = _buffered; _buffered = 0; return Poll<int>.Ready(n); }
            _readWaker = cx.Waker;
            return Poll<int>.Pending;
        }
    }

    public Poll<Unit> PollFlush(Context cx)
    {
        lock (_gate)
        {
            if (_buffered == 0) return Poll<Unit>.Ready(Unit.Value);
            _writeWaker = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }

    public void Write(int n)
    {
        Waker? w;
        lock (_gate)
        {
            _buffered += n; // expect: WAKE006
            w = _writeWaker;
            _writeWaker = null;
        }
        w?.Wake();
    }
}
