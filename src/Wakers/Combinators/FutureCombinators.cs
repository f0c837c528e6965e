using System;
using System.Collections.Generic;
using Wakers.Combinators;

namespace Wakers;

/// <summary>
/// Makes and combines futures: timers (<see cref="Sleep"/>, <see cref="Timeout{T}"/>, <see cref="Interval"/>) and
/// combinators (<see cref="Join{T1, T2}"/>, <see cref="JoinAll{T}"/>, <see cref="Select{T1, T2}"/>, <see cref="Map{T, TResult}"/>,
/// <see cref="Next{T}"/>, ...).
/// </summary>
/// <remarks>
/// Combinators poll their children with the caller's context, so a child's registration is the caller's. Polling a
/// combinator after it returned Ready throws <see cref="InvalidOperationException"/>. Combinators implement
/// <see cref="IDisposable"/>: disposing one disposes its unfinished children that are disposable (cancellation), and
/// polling it afterwards throws <see cref="ObjectDisposedException"/>.
/// </remarks>
public static partial class Future
{
    /// <summary>A future Ready with both results once both futures are Ready; it polls both concurrently.</summary>
    /// <exception cref="ArgumentNullException">A future is null.</exception>
    public static IFuture<(T1 First, T2 Second)> Join<T1, T2>(IFuture<T1> first, IFuture<T2> second)
    {
        if (first is null) throw new ArgumentNullException(nameof(first));
        if (second is null) throw new ArgumentNullException(nameof(second));
        return new JoinFuture<T1, T2>(first, second);
    }

    /// <summary>
    /// A future Ready with every result, in the order of <paramref name="futures"/>, once all are Ready (an empty
    /// sequence is Ready at once). Each poll polls every unfinished future.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="futures"/> or one of its elements is null.</exception>
    public static IFuture<T[]> JoinAll<T>(IEnumerable<IFuture<T>> futures)
    {
        if (futures is null) throw new ArgumentNullException(nameof(futures));
        var children = new List<IFuture<T>>(futures);
        for (var i = 0; i < children.Count; i++)
        {
            if (children[i] is null) throw new ArgumentNullException(nameof(futures), $"The future at index {i} is null.");
        }

        return new JoinAllFuture<T>(children.ToArray());
    }

    /// <summary>
    /// A future Ready with the result of whichever future is Ready first, saying which (<see cref="Selected{T1, T2}.Index"/>).
    /// Biased: <paramref name="first"/> is polled first, so it wins when both are ready. The loser is disposed if it
    /// implements <see cref="IDisposable"/> (its registrations are cancelled, e.g. a semaphore waiter gives up its place).
    /// </summary>
    /// <remarks>
    /// The select owns both futures, as in Rust. To keep waiting on a source after it loses, pass a fresh future for
    /// it (<c>receiver.Recv()</c>, <c>interval.Next()</c>), not the long-lived object itself.
    /// </remarks>
    /// <exception cref="ArgumentNullException">A future is null.</exception>
    public static IFuture<Selected<T1, T2>> Select<T1, T2>(IFuture<T1> first, IFuture<T2> second)
    {
        if (first is null) throw new ArgumentNullException(nameof(first));
        if (second is null) throw new ArgumentNullException(nameof(second));
        return new SelectFuture<T1, T2>(first, second);
    }

    /// <summary>
    /// A future whose poll is <paramref name="poll"/>: it must follow the poll contract (register <c>cx.Waker</c>
    /// before returning Pending). After it returns Ready, polling again throws <see cref="InvalidOperationException"/>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="poll"/> is null.</exception>
    public static IFuture<T> FromPoll<T>(PollFn<T> poll)
    {
        if (poll is null) throw new ArgumentNullException(nameof(poll));
        return new PollFnFuture<T>(poll);
    }

    /// <summary>A future that is Pending once (after waking its own task, so others run first) and Ready at the next poll.</summary>
    public static IFuture<Unit> YieldNow() => new YieldNowFuture();

    /// <summary>A future Ready with <paramref name="map"/> applied to <paramref name="future"/>'s result.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IFuture<TResult> Map<T, TResult>(this IFuture<T> future, Func<T, TResult> map)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        if (map is null) throw new ArgumentNullException(nameof(map));
        return new MapFuture<T, TResult>(future, map);
    }

    /// <summary>
    /// A future Ready with the stream's next item (<c>HasItem = false</c> at its end): Rust's <c>StreamExt::next</c>.
    /// The stream is not owned: disposing or abandoning this future leaves the stream usable.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public static IFuture<(bool HasItem, T Item)> Next<T>(this IStream<T> stream)
    {
        if (stream is null) throw new ArgumentNullException(nameof(stream));
        return new NextFuture<T>(stream);
    }

    /// <summary>A future Ready with <paramref name="value"/> at its first poll.</summary>
    public static IFuture<T> Ready<T>(T value) => new ReadyFuture<T>(value);

    /// <summary>A future that is never Ready (it registers nothing, since nothing will ever wake it).</summary>
    public static IFuture<T> Pending<T>() => NeverFuture<T>.Instance;
}
