using System.Threading;
using Wakers;

namespace Heldout.VolatileWriteStore;

// A lock-free oneshot that publishes its waker with Volatile.Write after checking, and never re-checks.
public sealed class Oneshot : IFuture<string>
{
    private string? _value;
    private Waker? _rx;

    public void Send(string value)
    {
        Volatile.Write(ref _value, value);
        Volatile.Read(ref _rx)?.Wake();
    }

    public Poll<string> Poll(Context cx)
    {
        if (Volatile.Read(ref _value) is { } v) return Poll<string>.Ready(v);
        Volatile.Write(ref _rx, cx.Waker); // expect: WAKE004
        return Poll<string>.Pending;
    }
}
