using Wakers;

namespace Heldout2.BiasedSelectTernaryOk;

public readonly record struct Either<TA, TB>(bool IsLeft, TA Left, TB Right);

// tokio::select! { biased; ... } as one nested conditional: both branches are polled with cx before
// Pending is answered.
public sealed class Biased<TA, TB> : IFuture<Either<TA, TB>>
{
    private readonly IFuture<TA> _a;
    private readonly IFuture<TB> _b;

    public Biased(IFuture<TA> a, IFuture<TB> b) { _a = a; _b = b; }

    public Poll<Either<TA, TB>> Poll(Context cx) =>
        _a.Poll(cx) is { IsReady: true } a ? Poll<Either<TA, TB>>.Ready(new(true, a.Value, default!))
        : _b.Poll(cx) is { IsReady: true } b ? Poll<Either<TA, TB>>.Ready(new(false, default!, b.Value))
        : Poll<Either<TA, TB>>.Pending;
}
