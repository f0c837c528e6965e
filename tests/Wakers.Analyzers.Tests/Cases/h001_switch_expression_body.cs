using Wakers;

namespace Heldout.SwitchExpressionBody;

// A state machine written as an expression-bodied switch expression: the Waiting arm never registers.
public sealed class Handshake : IFuture<bool>
{
    private enum Phase { Waiting, Accepted, Rejected }
    private volatile int _phase;

    public void Accept() => _phase = (int)Phase.Accepted;
    public void Reject() => _phase = (int)Phase.Rejected;

    public Poll<bool> Poll(Context cx) => (Phase)_phase switch // expect: WAKE001
    {
        Phase.Accepted => Poll<bool>.Ready(true),
        Phase.Rejected => Poll<bool>.Ready(false),
        _ => Poll<bool>.Pending,
    };
}
