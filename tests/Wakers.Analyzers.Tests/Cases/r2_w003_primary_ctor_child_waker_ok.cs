using System.Threading;
using Wakers;

namespace Heldout2.PrimaryCtorChildWakerOk;

// select! that counts which branch woke it: the child waker (a primary-constructor class) records its
// index and wakes the parent's current waker; every branch is polled on every poll.
public sealed class Select2<T> : IFuture<(int Index, T Value)>
{
    private sealed class BranchWaker(Waker parent, Select2<T> owner, int index) : Waker
    {
        public override void Wake()
        {
            Interlocked.Or(ref owner._woken, 1 << index);
            parent.Wake();
        }
    }

    private readonly IFuture<T>[] _branches;
    private int _woken;

    public int WokenMask => Volatile.Read(ref _woken);

    public Select2(IFuture<T> first, IFuture<T> second) => _branches = new[] { first, second };

    public Poll<(int Index, T Value)> Poll(Context cx)
    {
        for (var i = 0; i < _branches.Length; i++)
        {
            var r = _branches[i].Poll(new Context(new BranchWaker(cx.Waker, this, i)));
            if (r.IsReady) return Poll<(int, T)>.Ready((i, r.Value));
        }
        return Poll<(int, T)>.Pending;
    }
}
