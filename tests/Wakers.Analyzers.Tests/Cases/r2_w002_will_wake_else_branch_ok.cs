using Wakers;

namespace Heldout2.WillWakeElseBranchOk;

// The refresh idiom written the other way round: keep the waker when it would wake this task,
// otherwise replace it.
public sealed class Ready : IFuture<int>
{
    private readonly object _gate = new();
    private int? _value;
    private Waker? _waiter;

    public void Set(int value)
    {
        Waker? w;
        lock (_gate) { _value = value; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_value is { } v) return Poll<int>.Ready(v);
            if (_waiter is not null && _waiter.WillWake(cx.Waker))
            {
                // already registered for this task
            }
            else
            {
                _waiter = cx.Waker;
            }
            return Poll<int>.Pending;
        }
    }
}
