using Wakers;

namespace Heldout.NeverOk;

// A deliberate never-ready future (futures-rs `pending()`): it reads no state, so there is nothing to wake it for.
public sealed class Never<T> : IFuture<T>
{
    public Poll<T> Poll(Context cx) => Poll<T>.Pending;
}

// The statement-bodied spelling of the same thing.
public sealed class Forever : IFuture<Unit>
{
    public Poll<Unit> Poll(Context cx)
    {
        return Poll<Unit>.Pending;
    }
}
