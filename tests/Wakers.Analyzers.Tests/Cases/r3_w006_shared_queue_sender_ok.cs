using System.Collections.Concurrent;
using Wakers;

namespace Heldout3.SharedQueueSenderOk;

internal sealed class Shared
{
    public readonly ConcurrentQueue<string> Items = new();
    public readonly AtomicWaker Waiter = new();
}

// The sender half enqueues and then wakes the receiver's waker through the shared state.
public sealed class Sender
{
    private readonly Shared _shared;
    internal Sender(Shared shared) => _shared = shared;

    public void Send(string item)
    {
        _shared.Items.Enqueue(item);
        _shared.Waiter.Wake();
    }
}

public sealed class Receiver : IFuture<string>
{
    private readonly Shared _shared;
    internal Receiver(Shared shared) => _shared = shared;

    public Poll<string> Poll(Context cx)
    {
        _shared.Waiter.Register(cx.Waker);
        return _shared.Items.TryDequeue(out var item) ? Poll<string>.Ready(item) : Poll<string>.Pending;
    }
}
