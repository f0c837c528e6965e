using System.Threading.Tasks;
using Wakers;

namespace Heldout2.CompletedSuccessfullyOk;

// ValueTask-returning API adapted to a future: Result is read only once the task is known complete.
public sealed class ReadFuture : IFuture<int>
{
    private readonly Task<int> _read;
    private readonly AtomicWaker _waiter = new();

    public ReadFuture(ValueTask<int> read)
    {
        _read = read.AsTask();
        _read.ContinueWith(static (_, s) => ((AtomicWaker)s!).Wake(), _waiter, TaskScheduler.Default);
    }

    public Poll<int> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        if (_read.IsCompletedSuccessfully) return Poll<int>.Ready(_read.Result);
        if (_read.IsCompleted) return Poll<int>.Ready(_read.GetAwaiter().GetResult());
        return Poll<int>.Pending;
    }
}
