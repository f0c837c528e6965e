using Wakers;

namespace Heldout2.NeverStructOk;

// futures::future::pending() as a generic struct: never ready by design, reads no state.
public readonly struct Never<T> : IFuture<T>
{
    public Poll<T> Poll(Context cx) => Poll<T>.Pending;
}

public static class Futures
{
    public static IFuture<T> Pending<T>() => new Never<T>();
}
