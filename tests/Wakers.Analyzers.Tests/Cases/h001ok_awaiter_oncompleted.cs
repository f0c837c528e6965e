using System.Threading.Tasks;
using Wakers;

namespace Heldout.AwaiterOnCompletedOk;

// Task interop: the waker is captured by a continuation handed to the task's awaiter.
public sealed class TaskBridge : IFuture<int>
{
    private readonly Task<int> _task;
    public TaskBridge(Task<int> task) => _task = task;

    public Poll<int> Poll(Context cx)
    {
        if (_task.IsCompleted) return Poll<int>.Ready(_task.GetAwaiter().GetResult());
        var waker = cx.Waker;
        _task.ConfigureAwait(false).GetAwaiter().OnCompleted(() => waker.Wake());
        return Poll<int>.Pending;
    }
}
