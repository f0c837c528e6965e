using Wakers;

namespace Heldout2.JoinTuplePatternsOk;

// join!(a, b): both halves are polled with cx until each has produced its value.
public sealed class Join<TA, TB> : IFuture<(TA, TB)>
{
    private readonly IFuture<TA> _a;
    private readonly IFuture<TB> _b;
    private (bool Done, TA Value) _left;
    private (bool Done, TB Value) _right;

    public Join(IFuture<TA> a, IFuture<TB> b) { _a = a; _b = b; }

    public Poll<(TA, TB)> Poll(Context cx)
    {
        if (!_left.Done && _a.Poll(cx) is { IsReady: true } ra) _left = (true, ra.Value);
        if (!_right.Done && _b.Poll(cx) is { IsReady: true } rb) _right = (true, rb.Value);
        return _left.Done && _right.Done ? Poll<(TA, TB)>.Ready((_left.Value, _right.Value)) : Poll<(TA, TB)>.Pending;
    }
}
