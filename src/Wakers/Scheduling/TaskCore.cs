using System.Threading;

namespace Wakers.Scheduling;

/// <summary>
/// A spawned task: at once the future's owner and its <see cref="Waker"/>. Wakes coalesce through one state word
/// (<see cref="TaskState"/>): a wake while queued or running never queues twice, a wake during a poll makes the
/// task run again after it, and a wake after completion does nothing. Subclasses say where the task is queued.
/// </summary>
internal abstract class TaskCore : Waker
{
    private int _state = TaskState.Scheduled;

    /// <summary>Whether the task finished (ready, faulted or aborted).</summary>
    public bool IsCompleted => (Volatile.Read(ref _state) & TaskState.Complete) != 0;

    /// <summary>
    /// Queues the task to run once; called exactly once per transition to <see cref="TaskState.Scheduled"/>.
    /// <paramref name="yielding"/> says the task requeues itself after a poll (it was woken while running), so it
    /// goes behind the work already waiting rather than ahead of it.
    /// </summary>
    protected abstract void Schedule(bool yielding);

    /// <summary>Polls the future once; true when it finished (its outcome stored), false when Pending.</summary>
    protected abstract bool PollFuture();

    /// <summary>Drops the future without polling it and stores the aborted outcome.</summary>
    protected abstract void DropFuture();

    /// <summary>Runs after the outcome was published: wakes whoever waits for it.</summary>
    protected abstract void OnCompleted();

    /// <summary>Queues the first run of a new task (created <see cref="TaskState.Scheduled"/>).</summary>
    public void Start() => Schedule(yielding: false);

    /// <inheritdoc />
    public sealed override void Wake()
    {
        var state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & (TaskState.Complete | TaskState.Scheduled | TaskState.Notified)) != 0) return;
            var running = (state & TaskState.Running) != 0;
            var next = state | (running ? TaskState.Notified : TaskState.Scheduled);
            var seen = Interlocked.CompareExchange(ref _state, next, state);
            if (seen == state)
            {
                if (!running) Schedule(yielding: false);
                return;
            }
            state = seen;
        }
    }

    /// <summary>Asks the task to stop: its next run drops the future (a poll in progress finishes first).</summary>
    public void Abort()
    {
        if ((Interlocked.Or(ref _state, TaskState.AbortRequested) & TaskState.Complete) != 0) return;
        Wake();
    }

    /// <summary>Runs one scheduled turn of the task; false when it had already completed (nothing was polled).</summary>
    public bool Run()
    {
        var state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & TaskState.Complete) != 0) return false;
            var seen = Interlocked.CompareExchange(ref _state, (state & ~TaskState.Scheduled) | TaskState.Running, state);
            if (seen == state) break;
            state = seen;
        }

        bool finished;
        if ((state & TaskState.AbortRequested) != 0)
        {
            DropFuture();
            finished = true;
        }
        else
        {
            finished = PollFuture();
        }

        if (finished)
        {
            Publish();
            return true;
        }

        state = Volatile.Read(ref _state);
        while (true)
        {
            var notified = (state & TaskState.Notified) != 0;
            var next = notified
                ? (state & ~(TaskState.Running | TaskState.Notified)) | TaskState.Scheduled
                : state & ~TaskState.Running;
            var seen = Interlocked.CompareExchange(ref _state, next, state);
            if (seen == state)
            {
                // Requeue rather than poll again here, so a task that wakes itself lets the others run.
                if (notified) Schedule(yielding: true);
                return true;
            }
            state = seen;
        }
    }

    /// <summary>
    /// Completes a task that is not running as aborted, now, without its scheduler (used when an executor shuts
    /// down). False when it was already complete or is running.
    /// </summary>
    public bool AbortNow()
    {
        var state = Volatile.Read(ref _state);
        while (true)
        {
            if ((state & (TaskState.Complete | TaskState.Running)) != 0) return false;
            var seen = Interlocked.CompareExchange(ref _state, (state & ~TaskState.Scheduled) | TaskState.Running, state);
            if (seen == state) break;
            state = seen;
        }
        DropFuture();
        Publish();
        return true;
    }

    private void Publish()
    {
        // The outcome fields were written before this full fence; readers check Complete first.
        Interlocked.Exchange(ref _state, TaskState.Complete);
        OnCompleted();
    }
}
