using Wakers;

namespace Heldout2.SwitchWhenInnerPollOk;

public enum State { Connecting, Backoff, Sending }

// A retrying send as a state machine: every Pending is the answer of an inner future polled with cx.
public sealed class Retry : IFuture<int>
{
    private readonly IFuture<bool> _connect;
    private readonly IFuture<Unit> _backoff;
    private readonly IFuture<int> _send;
    private State _state;

    public Retry(IFuture<bool> connect, IFuture<Unit> backoff, IFuture<int> send)
    {
        _connect = connect; _backoff = backoff; _send = send;
    }

    public Poll<int> Poll(Context cx)
    {
        while (true)
        {
            switch (_state)
            {
                case State.Connecting:
                    var c = _connect.Poll(cx);
                    if (c.IsPending) return Poll<int>.Pending;
                    _state = c.Value ? State.Sending : State.Backoff;
                    break;
                case State.Backoff when _backoff.Poll(cx).IsPending:
                    return Poll<int>.Pending;
                case State.Backoff:
                    _state = State.Sending;
                    break;
                default:
                    return _send.Poll(cx);
            }
        }
    }
}
