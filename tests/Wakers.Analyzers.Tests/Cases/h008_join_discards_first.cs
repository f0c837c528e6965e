using Wakers;

namespace Heldout.JoinDiscardsFirst;

// A join that polls the first future to "drive" it and throws away its Ready value.
public sealed class Join : IFuture<(int, int)>
{
    private readonly IFuture<int> _a;
    private readonly IFuture<int> _b;
    private int? _aDone;

    public Join(IFuture<int> a, IFuture<int> b) { _a = a; _b = b; }

    public Poll<(int, int)> Poll(Context cx)
    {
        if (_aDone is null)
            _a.Poll(cx); // expect: WAKE008
        var b = _b.Poll(cx);
        if (b.IsPending || _aDone is null) return Poll<(int, int)>.Pending;
        return Poll<(int, int)>.Ready((_aDone.Value, b.Value));
    }
}
