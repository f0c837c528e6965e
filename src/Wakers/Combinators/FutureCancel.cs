using System;
using Wakers.Combinators;

namespace Wakers;

public static partial class Future
{
    /// <summary>
    /// Stops waiting on <paramref name="future"/>: gives back what it holds while Pending (a timer entry, a place in a
    /// channel's or semaphore's queue, permits handed to it but not yet observed) and makes later polls throw
    /// <see cref="ObjectDisposedException"/>. This is <see cref="IDisposable.Dispose"/> for the futures that hold
    /// something (those from <see cref="Sleep"/>, <c>Send</c>, <c>Acquire</c>, <c>Notified</c> and the combinators),
    /// and nothing for the others; call it on a future you will not poll again, as dropping one does in Rust.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static void Cancel<T>(this IFuture<T> future)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        FutureDisposal.DisposeIfDisposable(future);
    }
}
