using System.Threading.Tasks;
using Wakers;

namespace Heldout2.TaskContinuationStaticOk;

// Task to future: a static lambda continuation carries the waker as its state, so nothing is captured
// and the registration is on the task whose completion was checked.
public sealed class TaskFuture<T> : IFuture<T>
{
    private readonly Task<T> _task;

    public TaskFuture(Task<T> task) => _task = task;

    public Poll<T> Poll(Context cx)
    {
        if (_task.IsCompleted) return Poll<T>.Ready(_task.GetAwaiter().GetResult());
        _task.ContinueWith(static (_, state) => ((Waker)state!).Wake(), cx.Waker,
            TaskContinuationOptions.ExecuteSynchronously);
        return Poll<T>.Pending;
    }
}
