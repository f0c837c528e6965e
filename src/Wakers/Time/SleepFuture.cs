using System;

namespace Wakers.Time;

/// <summary>
/// The future of <c>Future.Sleep</c>: Ready once its deadline (fixed at creation) has passed. Registers its entry on
/// the shared timer at the first poll; <see cref="Dispose"/> removes it. Ready again if polled after completing.
/// </summary>
internal sealed class SleepFuture : IFuture<Unit>, IDisposable
{
    private readonly TimerDriver _driver;
    private readonly TimerEntry _entry;
    private bool _inserted;
    private bool _disposed;

    internal SleepFuture(TimerDriver driver, TimeSpan duration)
    {
        _driver = driver;
        _entry = new TimerEntry(driver.DeadlineAfter(duration));
        if (duration == TimeSpan.Zero) _entry.MarkFired();
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(SleepFuture), "The sleep was disposed (cancelled).");
        if (_entry.IsFired) return Poll<Unit>.Ready(Unit.Value);
        _entry.Waker.Register(cx.Waker);
        if (!_inserted)
        {
            _inserted = true;
            if (!_driver.Insert(_entry)) return Poll<Unit>.Ready(Unit.Value);
        }

        // Re-check after registering: an expiry between the first check and the register is seen here.
        return _entry.IsFired ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }

    /// <summary>Cancels the sleep: its entry leaves the timer wheel.</summary>
    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _driver.Remove(_entry);
    }
}
