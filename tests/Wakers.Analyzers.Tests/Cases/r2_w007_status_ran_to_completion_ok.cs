using System.Threading.Tasks;
using Wakers;

namespace Heldout2.StatusRanToCompletionOk;

// Task adapter that switches on the task's status: Result and GetResult run only on completed paths.
public sealed class FromTask<T> : IFuture<T>
{
    private readonly Task<T> _task;
    private readonly AtomicWaker _waiter = new();

    public FromTask(Task<T> task)
    {
        _task = task;
        task.ContinueWith(static (_, s) => ((AtomicWaker)s!).Wake(), _waiter, TaskScheduler.Default);
    }

    public Poll<T> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        if (_task.Status == TaskStatus.RanToCompletion) return Poll<T>.Ready(_task.Result);
        if (_task.IsCompleted) return Poll<T>.Ready(_task.GetAwaiter().GetResult());
        return Poll<T>.Pending;
    }
}
