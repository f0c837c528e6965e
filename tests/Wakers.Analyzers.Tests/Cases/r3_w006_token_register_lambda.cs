using System.Threading;
using Wakers;

namespace Heldout3.TokenRegisterLambda;

// Attach hooks a cancellation token; its callback flags the cancel but never wakes the waiting task.
public sealed class Cancellable : IFuture<bool>
{
    private readonly AtomicWaker _waiter = new();
    private int _cancelled;
    private int _completed;

    public void Attach(CancellationToken token)
    {
        token.Register(() =>
            Volatile.Write(ref _cancelled, 1)); // expect: WAKE006
    }

    public void Complete()
    {
        Volatile.Write(ref _completed, 1);
        _waiter.Wake();
    }

    public Poll<bool> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        if (Volatile.Read(ref _completed) == 1) return Poll<bool>.Ready(true);
        if (Volatile.Read(ref _cancelled) == 1) return Poll<bool>.Ready(false);
        return Poll<bool>.Pending;
    }
}
