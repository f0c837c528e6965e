using System;
using Wakers.Time;

namespace Wakers;

/// <summary>
/// A stream that ticks every <see cref="Period"/> on the shared timer: the first tick one period after creation, then
/// at creation + k × period. Made by <see cref="Future.Interval"/>. It never ends; dispose it to stop the timer.
/// </summary>
/// <remarks>
/// Missed ticks are skipped, like <see cref="System.Threading.PeriodicTimer"/>: when the consumer falls behind by
/// several periods it gets one tick, and the next tick is the next multiple of the period after now (no burst).
/// A tick never comes early; the wheel's 1 ms resolution may make it up to about a millisecond late.
/// </remarks>
public sealed class Interval : IStream<Unit>, IDisposable
{
    private readonly TimerDriver _driver;
    private readonly TimerEntry _entry;
    private readonly long _periodTicks;
    private bool _inserted;
    private bool _disposed;

    internal Interval(TimerDriver driver, TimeSpan period)
    {
        _driver = driver;
        Period = period;
        // Rounded up to whole driver ticks without overflowing near TimeSpan.MaxValue.
        _periodTicks = Math.Max(1, period.Ticks / TimeSpan.TicksPerMillisecond + (period.Ticks % TimeSpan.TicksPerMillisecond == 0 ? 0 : 1));
        _entry = new TimerEntry(driver.DeadlineAfter(period));
    }

    /// <summary>The time between ticks.</summary>
    public TimeSpan Period { get; }

    /// <summary>The driver tick of the next tick (for tests of the missed-tick policy).</summary>
    internal long NextDeadline => _entry.Deadline;

    /// <summary>Ready with an item at each tick; Pending (with the waker registered on the timer) in between.</summary>
    /// <exception cref="ObjectDisposedException">The interval was disposed.</exception>
    public Poll<(bool HasItem, Unit Item)> PollNext(Context cx)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(Interval));
        if (!_entry.IsFired)
        {
            _entry.Waker.Register(cx.Waker);
            if (!_inserted)
            {
                _inserted = true;
                _driver.Insert(_entry);
            }

            // Re-check after registering (an expiry in between is seen here).
            if (!_entry.IsFired) return Poll<(bool, Unit)>.Pending;
        }

        // Schedule the next tick now, so the timer runs while the consumer works; skip the ticks already missed.
        // Saturates: a period near TimeSpan.MaxValue parks the next tick at the end of time instead of wrapping around.
        var next = _entry.Deadline > long.MaxValue - _periodTicks ? long.MaxValue : _entry.Deadline + _periodTicks;
        var now = _driver.NowTick;
        if (next <= now) next += ((now - next) / _periodTicks + 1) * _periodTicks;
        _entry.Rearm(next);
        _driver.Insert(_entry);
        return Poll<(bool, Unit)>.Ready((true, Unit.Value));
    }

    /// <summary>Stops the interval: its entry leaves the timer wheel.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _driver.Remove(_entry);
    }
}
