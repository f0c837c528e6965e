using Wakers;

namespace Heldout.SenderOtherClassWakeFirst;

public sealed class Shared
{
    public readonly object Gate = new();
    public string? Value;
    public Waker? RxWaker;
}

// The sender half, a separate class, wakes the receiver before it stores the value.
public sealed class Tx
{
    private readonly Shared _shared;
    public Tx(Shared shared) => _shared = shared;

    public void Send(string value)
    {
        _shared.RxWaker?.Wake(); // expect: WAKE005
        lock (_shared.Gate) { _shared.Value = value; }
    }
}

public sealed class Rx : IFuture<string>
{
    private readonly Shared _shared;
    public Rx(Shared shared) => _shared = shared;

    public Poll<string> Poll(Context cx)
    {
        lock (_shared.Gate)
        {
            if (_shared.Value is { } v) return Poll<string>.Ready(v);
            _shared.RxWaker = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
