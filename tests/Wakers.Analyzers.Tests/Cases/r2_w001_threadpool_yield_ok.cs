using System.Threading;
using Wakers;

namespace Heldout2.ThreadPoolYieldOk;

// Yields to the thread pool: the waker is handed to a queued work item that wakes it, a registration.
public sealed class YieldToPool : IFuture<Unit>
{
    private bool _yielded;

    public Poll<Unit> Poll(Context cx)
    {
        if (_yielded) return Poll<Unit>.Ready(Unit.Value);
        _yielded = true;
        ThreadPool.UnsafeQueueUserWorkItem(static w => w.Wake(), cx.Waker, preferLocal: false);
        return Poll<Unit>.Pending;
    }
}
