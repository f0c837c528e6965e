using Wakers;

namespace Heldout3.RecordThenWakeOk;

public readonly record struct Progress(int Done, int Total);

// Report swaps in a new progress struct and wakes; the poll is Ready once Done reaches Total.
public sealed class Tracker : IFuture<Unit>
{
    private readonly object _gate = new();
    private Progress _progress = new(0, 10);
    private Waker? _waiter;

    public void Report(int done)
    {
        Waker? w;
        lock (_gate) { _progress = _progress with { Done = done }; w = _waiter; _waiter = null; }
        w?.Wake();
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
