using System.Threading;
using Wakers;

namespace Heldout2.TakeBeforePublish;

// The producer takes the waker out of its slot before it writes the result: a poll in between stores a
// fresh waker and sees no result, and that waker is never woken.
public sealed class Completion<T> : IFuture<T>
{
    private T _result = default!;
    private int _done;
    private Waker? _waker;

    public void SetResult(T result)
    {
        var waiter = Interlocked.Exchange(ref _waker, null); // expect: WAKE005
        _result = result;
        Volatile.Write(ref _done, 1);
        waiter?.Wake();
    }

    public Poll<T> Poll(Context cx)
    {
        if (Volatile.Read(ref _done) == 1) return Poll<T>.Ready(_result);
        Interlocked.Exchange(ref _waker, cx.Waker);
        if (Volatile.Read(ref _done) == 1) return Poll<T>.Ready(_result);
        return Poll<T>.Pending;
    }
}
