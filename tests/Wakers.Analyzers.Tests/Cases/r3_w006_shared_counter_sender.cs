using System.Threading;
using Wakers;

namespace Heldout3.SharedCounterSender;

internal sealed class Shared
{
    public int Sent;
    public readonly AtomicWaker Waiter = new();
}

// A ticket dispenser split in two halves: the sender bumps the shared counter but never wakes the receiver.
public sealed class Sender
{
    private readonly Shared _shared;
    internal Sender(Shared shared) => _shared = shared;

    public void Send()
    {
        Interlocked.Increment(ref _shared.Sent); // expect: WAKE006
    }
}

public sealed class Receiver : IFuture<int>
{
    private readonly Shared _shared;
    private int _seen;
    internal Receiver(Shared shared) => _shared = shared;

    public Poll<int> Poll(Context cx)
    {
        _shared.Waiter.Register(cx.Waker);
        var sent = Volatile.Read(ref _shared.Sent);
        if (sent > _seen) { _seen = sent; return Poll<int>.Ready(sent); }
        return Poll<int>.Pending;
    }
}
