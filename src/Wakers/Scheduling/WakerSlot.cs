using System.Threading;

namespace Wakers.Scheduling;

/// <summary>
/// The futures-rs <c>AtomicWaker</c> protocol as a struct: <see cref="AtomicWaker"/> wraps it, and a task embeds one as its
/// join waker without another allocation. Keep it in a non-readonly field and call it in place.
/// </summary>
internal struct WakerSlot
{
    private const int Waiting = 0;
    private const int Registering = 1;
    private const int Waking = 2;

    private int _state;
    private Waker? _waker;

    /// <summary>Stores <paramref name="waker"/> unless the stored one wakes the same task; a racing wake wakes it at once.</summary>
    public void Register(Waker waker)
    {
        switch (Interlocked.CompareExchange(ref _state, Registering, Waiting))
        {
            case Waiting:
                try
                {
                    var current = _waker;
                    if (current is null || !current.WillWake(waker)) _waker = waker;
                }
                finally
                {
                    // Released even when a user's WillWake throws: a slot stuck in Registering would drop every later wake.
                    if (Interlocked.CompareExchange(ref _state, Waiting, Registering) != Registering)
                    {
                        // A wake came in while we stored: it left the waker to us, so wake it even if WillWake threw.
                        // (The caller's own task's waker: an exception from it is the caller's, thrown with the slot consistent.)
                        var toWake = _waker;
                        _waker = null;
                        Interlocked.Exchange(ref _state, Waiting);
                        toWake?.Wake();
                    }
                }

                break;
            case Waking:
                // A wake may have read the old waker: make sure this one polls again.
                waker.Wake();
                break;
            default:
                // A concurrent Register (a misuse: one task owns the slot) wins; this one is dropped, as in futures-rs.
                break;
        }
    }

    /// <summary>
    /// Wakes the stored waker, if any, and empties the slot. Never throws: the waker belongs to the waiting task, so its
    /// exception is reported through <see cref="Executor.UnhandledException"/> (this runs on the completing thread).
    /// </summary>
    public void Wake() => Take()?.WakeIsolated();

    /// <summary>Takes the stored waker out of the slot, leaving it empty; null when empty or a wake is already taking it.</summary>
    public Waker? Take()
    {
        if (Interlocked.Or(ref _state, Waking) != Waiting) return null;
        var waker = _waker;
        _waker = null;
        Interlocked.And(ref _state, ~Waking);
        return waker;
    }
}
