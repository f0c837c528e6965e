namespace Wakers.Scheduling;

/// <summary>A task of a <see cref="LocalExecutor"/>: a wake, from any thread, puts it on that executor's run queue.</summary>
internal sealed class LocalTask<T> : TaskCore<T>
{
    private readonly LocalExecutor _executor;

    public LocalTask(LocalExecutor executor, IFuture<T> future)
        : base(future) => _executor = executor;

    /// <inheritdoc />
    protected override void Schedule(bool yielding) => _executor.Enqueue(this);

    /// <inheritdoc />
    protected override string AbortMessage => "The task was aborted, or its LocalExecutor disposed, before it completed.";

    /// <inheritdoc />
    protected override void OnCompleted()
    {
        _executor.Forget(this);
        base.OnCompleted();
    }
}
