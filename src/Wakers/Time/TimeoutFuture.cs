using System;

namespace Wakers.Time;

/// <summary>
/// The future of <c>Future.TryTimeout</c>: polls the inner future first, then the deadline's sleep, both with the
/// caller's context. Whichever wins, the other is disposed (the sleep leaves the wheel; an inner IDisposable is cancelled).
/// </summary>
internal sealed class TimeoutFuture<T> : IFuture<(bool Completed, T Result)>, IDisposable
{
    private readonly IFuture<T> _inner;
    private readonly SleepFuture? _sleep;
    private bool _done;
    private bool _disposed;

    internal TimeoutFuture(TimerDriver driver, IFuture<T> inner, TimeSpan duration)
    {
        _inner = inner;
        // An infinite timeout needs no timer entry at all.
        _sleep = duration == System.Threading.Timeout.InfiniteTimeSpan ? null : new SleepFuture(driver, duration);
    }

    public Poll<(bool Completed, T Result)> Poll(Context cx)
    {
        if (_disposed) throw new ObjectDisposedException("timeout future", "The timeout future was disposed (cancelled); it cannot be polled again.");
        if (_done) throw new InvalidOperationException("The timeout future already completed; it cannot be polled again.");
        var inner = _inner.Poll(cx);
        if (inner.IsReady)
        {
            _done = true;
            _sleep?.Dispose();
            return Poll<(bool, T)>.Ready((true, inner.Value));
        }

        if (_sleep is not null && _sleep.Poll(cx).IsReady)
        {
            _done = true;
            _sleep.Dispose();
            (_inner as IDisposable)?.Dispose();
            return Poll<(bool, T)>.Ready((false, default!));
        }

        return Poll<(bool, T)>.Pending;
    }

    /// <summary>Cancels both the timer and the inner future.</summary>
    public void Dispose()
    {
        _disposed = true;
        _sleep?.Dispose();
        if (!_done) (_inner as IDisposable)?.Dispose();
        _done = true;
    }
}
