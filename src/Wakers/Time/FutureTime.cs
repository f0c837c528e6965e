using System;
using Wakers.Time;

namespace Wakers;

public static partial class Future
{
    /// <summary>
    /// A future that is Ready once <paramref name="duration"/> has passed, counted from this call. All sleeps share one
    /// timer (a hierarchical timing wheel with 1 ms ticks driven by one thread), so thousands of them are cheap.
    /// </summary>
    /// <remarks>
    /// The returned future implements <see cref="IDisposable"/>: disposing it cancels the sleep and removes its timer
    /// entry. A sleep never completes early; it may complete up to about a millisecond late (the wheel rounds up).
    /// A zero duration is Ready at the first poll. Polling a completed sleep again is Ready again.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public static IFuture<Unit> Sleep(TimeSpan duration)
    {
        if (duration < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A sleep's duration cannot be negative.");
        return new SleepFuture(TimerDriver.Shared, duration);
    }

    /// <summary>
    /// <paramref name="future"/>'s result if it completes within <paramref name="duration"/> (counted from this call);
    /// otherwise the returned future throws <see cref="TimeoutException"/> from its poll and disposes
    /// <paramref name="future"/> if it is <see cref="IDisposable"/>. Use <see cref="TryTimeout{T}"/> to get a flag instead.
    /// </summary>
    /// <remarks>
    /// The inner future is polled first, so a result that is ready at the deadline wins. Pass
    /// <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> for no timeout. The returned future implements
    /// <see cref="IDisposable"/> (cancels the timer and the inner future); polling it after it completed throws
    /// <see cref="InvalidOperationException"/>. The timeout owns <paramref name="future"/>, as in Rust: to keep a
    /// long-lived source (a receiver) usable after a timeout, pass a fresh future for it (<c>receiver.Recv()</c>).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative (other than infinite).</exception>
    public static IFuture<T> Timeout<T>(this IFuture<T> future, TimeSpan duration)
    {
        var inner = TryTimeout(future, duration);
        return inner.Map(result => result.Completed
            ? result.Result
            : throw new TimeoutException($"The future did not complete within {duration}."));
    }

    /// <summary>
    /// Ready with <c>(true, result)</c> if <paramref name="future"/> completes within <paramref name="duration"/>
    /// (counted from this call), or <c>(false, default)</c> at the deadline, after disposing <paramref name="future"/>
    /// if it is <see cref="IDisposable"/>.
    /// </summary>
    /// <remarks>Same polling order, infinite duration and disposal as <see cref="Timeout{T}"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative (other than infinite).</exception>
    public static IFuture<(bool Completed, T Result)> TryTimeout<T>(this IFuture<T> future, TimeSpan duration)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        if (duration < TimeSpan.Zero && duration != System.Threading.Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "A timeout cannot be negative (use Timeout.InfiniteTimeSpan for none).");
        return new TimeoutFuture<T>(TimerDriver.Shared, future, duration);
    }

    /// <summary>
    /// A stream that ticks every <paramref name="period"/> on the shared timer, the first tick one period from now;
    /// missed ticks are skipped (see <see cref="Wakers.Interval"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="period"/> is zero or negative.</exception>
    public static Interval Interval(TimeSpan period)
    {
        if (period <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(period), period, "An interval's period must be positive.");
        return new Interval(TimerDriver.Shared, period);
    }
}
