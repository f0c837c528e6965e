using System.Threading;
using Wakers;

namespace Heldout2.AbstractParkOk;

// A template-method base future: the poll parks through an abstract member that each subclass implements.
public abstract class WaitFuture<T> : IFuture<T>
{
    public Poll<T> Poll(Context cx)
    {
        if (TryComplete(out var value)) return Poll<T>.Ready(value);
        Park(cx.Waker);
        if (TryComplete(out value)) return Poll<T>.Ready(value);
        return Poll<T>.Pending;
    }

    protected abstract bool TryComplete(out T value);

    protected abstract void Park(Waker waker);
}

public sealed class Flag : WaitFuture<bool>
{
    private readonly AtomicWaker _waiter = new();
    private int _set;

    public void Set()
    {
        Volatile.Write(ref _set, 1);
        _waiter.Wake();
    }

    protected override bool TryComplete(out bool value)
    {
        value = true;
        return Volatile.Read(ref _set) == 1;
    }

    protected override void Park(Waker waker) => _waiter.Register(waker);
}
