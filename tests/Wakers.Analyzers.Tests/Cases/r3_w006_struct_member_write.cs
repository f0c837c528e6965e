using Wakers;

namespace Heldout3.StructMemberWrite;

public struct Progress
{
    public int Done;
    public int Total;
}

// Report writes a member of a mutable struct field; reaching Total is never announced.
public sealed class Tracker : IFuture<Unit>
{
    private readonly object _gate = new();
    private Progress _progress = new() { Total = 10 };
    private Waker? _waiter;

    public void Report(int done)
    {
        lock (_gate) { _progress.Done = done; } // expect: WAKE006
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_progress.Done >= _progress.Total) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
