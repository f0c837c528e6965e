using System.Collections.Generic;
using Wakers;

namespace Heldout.SharedStateClear;

// A channel's Reset, in the outer class, clears the nested shared state's waiter queue without waking anyone.
public sealed class Channel
{
    private sealed class SharedState
    {
        public readonly object Gate = new();
        public readonly Queue<int> Items = new();
        public readonly Queue<Waker> Receivers = new();
    }

    private readonly SharedState _state = new();

    public Poll<int> PollRecv(Context cx)
    {
        lock (_state.Gate)
        {
            if (_state.Items.Count > 0) return Poll<int>.Ready(_state.Items.Dequeue());
            _state.Receivers.Enqueue(cx.Waker);
            return Poll<int>.Pending;
        }
    }

    public void Send(int item)
    {
        Waker? w = null;
        lock (_state.Gate)
        {
            _state.Items.Enqueue(item);
            if (_state.Receivers.Count > 0) w = _state.Receivers.Dequeue();
        }
        w?.Wake();
    }

    public void Reset()
    {
        lock (_state.Gate)
        {
            _state.Items.Clear();
            _state.Receivers.Clear(); // expect: WAKE010
        }
    }
}
