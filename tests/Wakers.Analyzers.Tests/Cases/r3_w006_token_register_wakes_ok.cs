using System.Threading;
using Wakers;

namespace Heldout3.TokenRegisterWakesOk;

// The cancellation callback flags the cancel and then wakes the waiting task.
public sealed class Cancellable : IFuture<bool>
{
    private readonly AtomicWaker _waiter = new();
    private int _cancelled;

    public void Attach(CancellationToken token)
    {
        token.Register(() =>
        {
            Volatile.Write(ref _cancelled, 1);
            _waiter.Wake();
        });
    }

    public Poll<bool> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return Volatile.Read(ref _cancelled) == 1 ? Poll<bool>.Ready(false) : Poll<bool>.Pending;
    }
}
