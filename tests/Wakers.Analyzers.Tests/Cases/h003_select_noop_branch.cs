using Wakers;

namespace Heldout.SelectNoopBranch;

// A select that polls its cancellation branch with a no-op waker "because it is only a check": the branch's wakeup is lost.
public sealed class UntilCancelled<T> : IFuture<T?>
{
    private readonly IFuture<T> _work;
    private readonly IFuture<Unit> _cancel;

    public UntilCancelled(IFuture<T> work, IFuture<Unit> cancel) { _work = work; _cancel = cancel; }

    public Poll<T?> Poll(Context cx)
    {
        var noop = new Context(Waker.Noop);
        if (_cancel.Poll(noop).IsReady) return Poll<T?>.Ready(default); // expect: WAKE003
        var w = _work.Poll(cx);
        if (w.IsReady) return Poll<T?>.Ready(w.Value);
        return Poll<T?>.Pending;
    }
}
