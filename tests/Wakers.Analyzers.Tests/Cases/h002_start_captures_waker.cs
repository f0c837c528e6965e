using System.Threading;
using Wakers;

namespace Heldout.StartCapturesWaker;

// A waker captured once when the operation is started and never refreshed by the poll: a task that moves is never woken.
// (One bug, one diagnostic: WAKE002 at the capture; the poll's Pending is not also WAKE001.)
public sealed class Download : IFuture<int>
{
    private readonly object _gate = new();
    private Waker? _waker;
    private int _bytes = -1;

    public void Start(Waker waker)
    {
        lock (_gate) { _waker = waker; } // expect: WAKE002
        ThreadPool.QueueUserWorkItem(_ => Complete(1024));
    }

    private void Complete(int bytes)
    {
        Waker? w;
        lock (_gate) { _bytes = bytes; w = _waker; }
        w?.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_bytes >= 0) return Poll<int>.Ready(_bytes);
            return Poll<int>.Pending;
        }
    }
}
