using System.Threading;
using Wakers;

namespace Heldout2.ChildWakerFactoryOk;

// The child waker comes from a static factory, still built in this poll around cx.Waker.
public sealed class Tracked<T> : IFuture<T>
{
    private sealed class CountingWaker : Waker
    {
        private readonly Waker _parent;
        private readonly Tracked<T> _owner;
        private CountingWaker(Waker parent, Tracked<T> owner) { _parent = parent; _owner = owner; }
        public static CountingWaker Around(Waker parent, Tracked<T> owner) => new(parent, owner);
        public override void Wake() { Interlocked.Increment(ref _owner._wakes); _parent.Wake(); }
    }

    private readonly IFuture<T> _inner;
    private int _wakes;

    public Tracked(IFuture<T> inner) => _inner = inner;

    public int Wakes => Volatile.Read(ref _wakes);

    public Poll<T> Poll(Context cx) => _inner.Poll(new Context(CountingWaker.Around(cx.Waker, this)));
}
