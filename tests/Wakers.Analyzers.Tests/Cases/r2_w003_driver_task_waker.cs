using System.Collections.Generic;
using Wakers;

namespace Heldout2.DriverTaskWaker;

// A shared future "driven" by whichever task called Drive first: every poller parks its own waker, but
// the inner future is polled with the driver task's waker, which may belong to a task long finished.
public sealed class Shared<T> : IFuture<T>
{
    private readonly object _gate = new();
    private readonly IFuture<T> _inner;
    private readonly List<Waker> _pollers = new();
    private Waker? _driver;
    private T _result = default!;
    private bool _done;

    public Shared(IFuture<T> inner) => _inner = inner;

    public void Drive(Waker driver)
    {
        lock (_gate) _driver = driver;
    }

    public Poll<T> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_done) return Poll<T>.Ready(_result);
            var r = _inner.Poll(new Context(_driver ?? Waker.Noop)); // expect: WAKE003
            if (r.IsReady)
            {
                (_result, _done) = (r.Value, true);
                return r;
            }
            _pollers.Add(cx.Waker);
            return Poll<T>.Pending;
        }
    }
}
