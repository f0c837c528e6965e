using System.Threading;
using Wakers.Scheduling;

namespace Wakers.Time;

/// <summary>
/// One registration on the <see cref="TimerWheel"/>: a deadline, the wheel links (owned by the driver's lock), and
/// the waker of the future waiting for it. Firing publishes <see cref="IsFired"/> first, then wakes.
/// </summary>
internal sealed class TimerEntry
{
    private int _fired;

    internal TimerEntry(long deadline) => Deadline = deadline;

    /// <summary>The tick (millisecond of the driver's clock) at or after which the entry fires.</summary>
    internal long Deadline { get; private set; }

    // Wheel bookkeeping, read and written only by the wheel under the driver's lock.
    internal long When;
    internal int Level = -1;
    internal int Slot;
    internal TimerEntry? Previous;
    internal TimerEntry? Next;

    /// <summary>Where the future waiting on this entry registers its waker.</summary>
    internal AtomicWaker Waker { get; } = new();

    internal bool IsFired => Volatile.Read(ref _fired) != 0;

    internal bool IsInWheel => Level >= 0;

    /// <summary>
    /// Publishes the expiry, then wakes the waiting task (the order a poll's register-then-check relies on). Runs on the
    /// timer thread, so a waker's exception is reported, never thrown.
    /// </summary>
    internal void Fire()
    {
        Volatile.Write(ref _fired, 1);
        Waker.Take().WakeIsolated();
    }

    /// <summary>Marks the entry expired without waking: for a poll that is about to return Ready itself.</summary>
    internal void MarkFired() => Volatile.Write(ref _fired, 1);

    /// <summary>Gives a fired entry (no longer in the wheel) a new deadline, to be inserted again.</summary>
    internal void Rearm(long deadline)
    {
        Deadline = deadline;
        Volatile.Write(ref _fired, 0);
    }
}
