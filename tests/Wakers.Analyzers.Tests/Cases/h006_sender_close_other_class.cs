using System.Collections.Generic;
using Wakers;

namespace Heldout.SenderCloseOtherClass;

public sealed class Shared
{
    public readonly object Gate = new();
    public readonly Queue<int> Items = new();
    public bool Closed;
    public Waker? RxWaker;
}

// mpsc: dropping the last sender marks the channel closed but never wakes the parked receiver.
public sealed class Sender
{
    private readonly Shared _shared;
    public Sender(Shared shared) => _shared = shared;

    public void Send(int item)
    {
        Waker? w;
        lock (_shared.Gate) { _shared.Items.Enqueue(item); w = _shared.RxWaker; _shared.RxWaker = null; }
        w?.Wake();
    }

    public void Close()
    {
        lock (_shared.Gate) { _shared.Closed = true; } // expect: WAKE006
    }
}

public sealed class Receiver
{
    private readonly Shared _shared;
    public Receiver(Shared shared) => _shared = shared;

    public Poll<int?> PollRecv(Context cx)
    {
        lock (_shared.Gate)
        {
            if (_shared.Items.Count > 0) return Poll<int?>.Ready(_shared.Items.Dequeue());
            if (_shared.Closed) return Poll<int?>.Ready(null);
            _shared.RxWaker = cx.Waker;
            return Poll<int?>.Pending;
        }
    }
}
