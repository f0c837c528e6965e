namespace Wakers;

/// <summary>
/// One waker slot shared by a poll method and a waking thread, lock-free, with the semantics of futures-rs
/// <c>AtomicWaker</c>: a <see cref="Register"/> racing a <see cref="Wake"/> never loses the wakeup.
/// </summary>
/// <remarks>
/// The poll method registers, then checks readiness again; the producer publishes, then wakes:
/// <code>
/// if (IsSet) return Poll&lt;Unit&gt;.Ready(Unit.Value);
/// _waker.Register(cx.Waker);
/// if (IsSet) return Poll&lt;Unit&gt;.Ready(Unit.Value);   // a Set between the check and the register is seen here
/// return Poll&lt;Unit&gt;.Pending;
/// </code>
/// </remarks>
public sealed class AtomicWaker
{
    // The protocol lives in the struct the executor also embeds in each task.
    private Scheduling.WakerSlot _slot;

    /// <summary>An empty slot.</summary>
    public AtomicWaker()
    {
    }

    /// <summary>
    /// Stores <paramref name="waker"/> (keeping the stored one when it <see cref="Waker.WillWake"/> the same task).
    /// When a wake runs concurrently, <paramref name="waker"/> is woken instead, so the task polls again.
    /// </summary>
    /// <remarks>
    /// When that immediate wake, or the stored waker's <see cref="Waker.WillWake"/>, throws, the exception reaches this
    /// caller (it comes from its own task's waker) after the slot is released: later registrations and wakes still work.
    /// </remarks>
    /// <exception cref="System.ArgumentNullException"><paramref name="waker"/> is null.</exception>
    public void Register(Waker waker)
    {
        if (waker is null) throw new System.ArgumentNullException(nameof(waker));
        _slot.Register(waker);
    }

    /// <summary>Wakes the registered waker, if any, and empties the slot.</summary>
    /// <remarks>
    /// The slot is emptied before the waker runs, so when the waker's <see cref="Waker.Wake"/> throws, the exception
    /// reaches this caller and the slot still works (the next <see cref="Register"/> and <see cref="Wake"/> behave as
    /// usual). To wake without that risk, <see cref="Take"/> the waker and decide yourself.
    /// </remarks>
    public void Wake() => Take()?.Wake();

    /// <summary>Takes the registered waker out of the slot, leaving it empty (to wake it later, outside a lock).</summary>
    public Waker? Take() => _slot.Take();
}
