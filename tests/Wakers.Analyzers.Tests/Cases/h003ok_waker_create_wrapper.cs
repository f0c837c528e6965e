using System.Threading;
using Wakers;

namespace Heldout.WakerCreateWrapperOk;

// A flatten combinator polls the inner with Waker.Create around this poll's cx.Waker, counting wakeups.
public sealed class Counted<T> : IFuture<T>
{
    private readonly IFuture<T> _inner;
    private int _wakeups;

    public Counted(IFuture<T> inner) => _inner = inner;

    public int Wakeups => Volatile.Read(ref _wakeups);

    public Poll<T> Poll(Context cx)
    {
        var parent = cx.Waker;
        var child = new Context(Waker.Create(() => { Interlocked.Increment(ref _wakeups); parent.Wake(); }));
        return _inner.Poll(child);
    }
}
