using Wakers;

namespace Heldout3.RecordSnapshot;

public sealed record Snapshot(bool Done, string? Result);

// The state is one immutable record swapped whole; Finish swaps in a Done snapshot and never wakes.
public sealed class Job : IFuture<string?>
{
    private volatile Snapshot _state = new(false, null);
    private readonly AtomicWaker _waiter = new();

    public void Finish(string result)
    {
        _state = new Snapshot(true, result); // expect: WAKE006
    }

    public Poll<string?> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        var s = _state;
        return s.Done ? Poll<string?>.Ready(s.Result) : Poll<string?>.Pending;
    }
}
