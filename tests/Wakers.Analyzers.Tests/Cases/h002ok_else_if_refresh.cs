using Wakers;

namespace Heldout.ElseIfRefreshOk;

// The refresh spelled with else-if: store when empty, replace when the stored one would wake another task.
public sealed class Answer : IFuture<int>
{
    private readonly object _gate = new();
    private int? _value;
    private Waker? _waiter;

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_value is int v) return Poll<int>.Ready(v);
            if (_waiter == null)
            {
                _waiter = cx.Waker;
            }
            else if (!_waiter.WillWake(cx.Waker))
            {
                _waiter = cx.Waker;
            }
            return Poll<int>.Pending;
        }
    }

    public void Set(int v)
    {
        Waker? w;
        lock (_gate) { _value = v; w = _waiter; _waiter = null; }
        w?.Wake();
    }
}
