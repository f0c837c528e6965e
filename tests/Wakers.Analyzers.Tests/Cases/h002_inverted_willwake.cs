using Wakers;

namespace Heldout.InvertedWillWake;

// The async book's refresh with the test inverted: it replaces the waker only when it is the same task's.
public sealed class Reply : IFuture<int>
{
    private readonly object _gate = new();
    private int? _answer;
    private Waker? _waiter;

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_answer is int a) return Poll<int>.Ready(a);
            if (_waiter is null || _waiter.WillWake(cx.Waker))
                _waiter = cx.Waker; // expect: WAKE002
            return Poll<int>.Pending;
        }
    }

    public void Answer(int value)
    {
        Waker? w;
        lock (_gate) { _answer = value; w = _waiter; _waiter = null; }
        w?.Wake();
    }
}
