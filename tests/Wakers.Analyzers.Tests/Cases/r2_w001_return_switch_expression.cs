using Wakers;

namespace Heldout2.ReturnSwitchExpression;

public enum Phase { Idle, Waiting, Done }

// A oneshot receiver written as a switch expression: the Waiting arm registers through a helper, but the
// Idle arm (before Arm runs) answers Pending with nothing stored, and Send then wakes nobody.
public sealed class Receiver : IFuture<int>
{
    private readonly object _gate = new();
    private Phase _phase;
    private int _value;
    private Waker? _waker;

    public void Arm()
    {
        lock (_gate) { if (_phase == Phase.Idle) _phase = Phase.Waiting; }
    }

    public void Send(int value)
    {
        Waker? w;
        lock (_gate) { _value = value; _phase = Phase.Done; w = _waker; _waker = null; }
        w?.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            return _phase switch // expect: WAKE001
            {
                Phase.Done => Poll<int>.Ready(_value),
                Phase.Waiting => Wait(cx),
                _ => Poll<int>.Pending,
            };
        }
    }

    private Poll<int> Wait(Context cx)
    {
        _waker = cx.Waker;
        return Poll<int>.Pending;
    }
}
