using System.Threading;
using Wakers;

namespace Heldout2.EventWaitInSwitch;

public enum Step { Start, Handshake, Open }

// A connection state machine whose handshake step waits on an event "for a moment" inside the poll.
public sealed class Connect : IFuture<bool>
{
    private readonly ManualResetEventSlim _handshakeDone = new();
    private Step _step;

    public void OnHandshake() { _handshakeDone.Set(); }

    public Poll<bool> Poll(Context cx)
    {
        switch (_step)
        {
            case Step.Start:
                _step = Step.Handshake;
                cx.Waker.Wake();
                return Poll<bool>.Pending;
            case Step.Handshake:
                if (!_handshakeDone.Wait(50)) // expect: WAKE007
                {
                    cx.Waker.Wake();
                    return Poll<bool>.Pending;
                }
                _step = Step.Open;
                return Poll<bool>.Ready(true);
            default:
                return Poll<bool>.Ready(true);
        }
    }
}
