using System.Collections.Generic;
using Wakers;

namespace Heldout.MpscSenderParked;

// futures-rs mpsc: the receiver sees "a sender is parked, a message is in flight" and returns Pending without registering.
public sealed class Receiver : IFuture<int?>
{
    private enum State { Open, SenderParked, Closed }
    private readonly object _gate = new();
    private readonly Queue<int> _queue = new();
    private State _state;
    private Waker? _rxWaker;

    public Poll<int?> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_queue.Count > 0) return Poll<int?>.Ready(_queue.Dequeue());
            switch (_state)
            {
                case State.Closed:
                    return Poll<int?>.Ready(null);
                case State.SenderParked:
                    return Poll<int?>.Pending; // expect: WAKE001
                default:
                    _rxWaker = cx.Waker;
                    return Poll<int?>.Pending;
            }
        }
    }

    public void Send(int value)
    {
        Waker? w;
        lock (_gate) { _queue.Enqueue(value); _state = State.Open; w = _rxWaker; _rxWaker = null; }
        w?.Wake();
    }
}
