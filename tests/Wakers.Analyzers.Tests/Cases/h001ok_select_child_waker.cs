using System.Threading;
using Wakers;

namespace Heldout.SelectChildWakerOk;

// Select with per-branch child wakers that record which branch woke and then wake the parent's current waker.
public sealed class Select2 : IFuture<int>
{
    private sealed class BranchWaker : Waker
    {
        private readonly Waker _parent;
        private readonly Select2 _owner;
        private readonly int _bit;
        public BranchWaker(Waker parent, Select2 owner, int bit) { _parent = parent; _owner = owner; _bit = bit; }
        public override void Wake() { Interlocked.Or(ref _owner._woken, _bit); _parent.Wake(); }
    }

    private readonly IFuture<int> _left;
    private readonly IFuture<int> _right;
    private int _woken = 3;

    public Select2(IFuture<int> left, IFuture<int> right) { _left = left; _right = right; }

    public Poll<int> Poll(Context cx)
    {
        Interlocked.Exchange(ref _woken, 0);
        var l = _left.Poll(new Context(new BranchWaker(cx.Waker, this, 1)));
        if (l.IsReady) return l;
        var r = _right.Poll(new Context(new BranchWaker(cx.Waker, this, 2)));
        if (r.IsReady) return r;
        return Poll<int>.Pending;
    }
}
