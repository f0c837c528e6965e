namespace Wakers.Scheduling;

/// <summary>
/// The bits of a task's state word. Every transition is one compare-and-swap, so a wake never races a poll
/// into a lost or doubled schedule.
/// </summary>
internal static class TaskState
{
    /// <summary>Neither queued nor running: the next wake queues it.</summary>
    public const int Idle = 0;

    /// <summary>Queued to run: further wakes cost nothing.</summary>
    public const int Scheduled = 1;

    /// <summary>Being polled: a wake sets <see cref="Notified"/> instead of queueing.</summary>
    public const int Running = 2;

    /// <summary>Woken while running: the task is queued again after its poll returns Pending.</summary>
    public const int Notified = 4;

    /// <summary>Finished (ready, faulted or aborted): wakes are ignored.</summary>
    public const int Complete = 8;

    /// <summary>Abort was asked for: the next run drops the future instead of polling it.</summary>
    public const int AbortRequested = 16;
}
