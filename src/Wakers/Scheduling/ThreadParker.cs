using System.Threading;

namespace Wakers.Scheduling;

/// <summary>
/// A waker that unparks one thread: a wake leaves a permit, <see cref="Park"/> consumes it or blocks until one
/// arrives. A wake before the park is never lost, and a wake while the thread runs costs one atomic operation.
/// </summary>
internal sealed class ThreadParker : Waker
{
    private const int Empty = 0;
    private const int Parked = 1;
    private const int Notified = 2;

    private readonly object _gate = new();
    private int _state;

    /// <summary>Whether a permit is waiting (for tests).</summary>
    internal bool HasPermit => Volatile.Read(ref _state) == Notified;

    /// <summary>Leaves a permit; unblocks the parked thread if there is one.</summary>
    public override void Wake()
    {
        if (Interlocked.Exchange(ref _state, Notified) != Parked) return;
        // The parker holds _gate from setting Parked until it waits, so taking the lock here means it is waiting.
        lock (_gate) Monitor.Pulse(_gate);
    }

    /// <summary>Returns at once when a permit is there (consuming it), else blocks until <see cref="Wake"/>.</summary>
    public void Park()
    {
        if (Interlocked.CompareExchange(ref _state, Empty, Notified) == Notified) return;
        lock (_gate)
        {
            if (Interlocked.CompareExchange(ref _state, Parked, Empty) == Notified)
            {
                Interlocked.Exchange(ref _state, Empty);
                return;
            }
            // Monitor.Wait can return spuriously: only a Notified state ends the park.
            while (Interlocked.CompareExchange(ref _state, Empty, Notified) != Notified) Monitor.Wait(_gate);
        }
    }
}
