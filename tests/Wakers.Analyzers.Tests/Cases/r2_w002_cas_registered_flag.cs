using System.Threading;
using Wakers;

namespace Heldout2.CasRegisteredFlag;

// The waker is installed only by the poll that wins the "registered" flag: later polls (another task, a
// child waker of a combinator) never replace it.
public sealed class Completion : IFuture<Unit>
{
    private readonly object _gate = new();
    private int _registered;
    private bool _done;
    private Waker? _waiter;

    public void Complete()
    {
        Waker? w;
        lock (_gate) { _done = true; w = _waiter; }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_done) return Poll<Unit>.Ready(Unit.Value);
            if (Interlocked.CompareExchange(ref _registered, 1, 0) == 0)
                _waiter = cx.Waker; // expect: WAKE002
            return Poll<Unit>.Pending;
        }
    }
}
