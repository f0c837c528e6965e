namespace Wakers;

/// <summary>
/// A value that becomes available later, driven by polling. <see cref="Poll"/> returns Ready with the value, or
/// Pending after arranging for <c>cx.Waker</c> to be woken when another poll can make progress.
/// </summary>
public interface IFuture<T>
{
    /// <summary>Tries to make progress. A Pending answer promises a later wake of <c>cx.Waker</c>.</summary>
    Poll<T> Poll(Context cx);
}

/// <summary>A poll function: what <c>Future.FromPoll</c> turns into a future (lambdas cannot be <c>Func&lt;Context, …&gt;</c>).</summary>
public delegate Poll<T> PollFn<T>(Context cx);

/// <summary>An asynchronous sequence: each <see cref="PollNext"/> is Ready with an item, Ready with <c>false</c> at the end, or Pending.</summary>
public interface IStream<T>
{
    /// <summary>Ready(<c>(true, item)</c>) for the next item, Ready(<c>(false, default)</c>) when the stream ended, or Pending.</summary>
    Poll<(bool HasItem, T Item)> PollNext(Context cx);
}
