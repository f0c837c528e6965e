using System.Threading;
using Wakers;

namespace Heldout.AtomicWakerTakeFirst;

// Takes the registered waker out of the AtomicWaker and wakes it, then sets the completion flag.
public sealed class Completion : IFuture<Unit>
{
    private readonly AtomicWaker _waker = new();
    private int _complete;

    public void Complete()
    {
        _waker.Take()?.Wake(); // expect: WAKE005
        Volatile.Write(ref _complete, 1);
    }

    public Poll<Unit> Poll(Context cx)
    {
        if (Volatile.Read(ref _complete) == 1) return Poll<Unit>.Ready(Unit.Value);
        _waker.Register(cx.Waker);
        if (Volatile.Read(ref _complete) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending;
    }
}
