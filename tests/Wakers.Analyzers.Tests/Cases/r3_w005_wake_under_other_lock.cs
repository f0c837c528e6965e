using Wakers;

namespace Heldout3.WakeUnderOtherLock;

// Complete wakes under its own stats lock, not the poll's gate, and only then publishes.
public sealed class Job : IFuture<int>
{
    private readonly object _gate = new();
    private readonly object _stats = new();
    private bool _done;
    private int _result;
    private int _completions;
    private Waker? _waiter;

    public void Complete(int result)
    {
        lock (_stats)
        {
            _completions++;
            _waiter?.Wake(); // expect: WAKE005
        }
        lock (_gate) { _result = result; _done = true; }
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_done) return Poll<int>.Ready(_result);
            _waiter = cx.Waker;
            return Poll<int>.Pending;
        }
    }
}
