namespace Wakers.Combinators;

/// <summary>The future of <c>Future.Pending</c>: never Ready, so it never needs to register a waker.</summary>
internal sealed class NeverFuture<T> : IFuture<T>
{
    internal static readonly NeverFuture<T> Instance = new();

    public Poll<T> Poll(Context cx) => Poll<T>.Pending;
}
