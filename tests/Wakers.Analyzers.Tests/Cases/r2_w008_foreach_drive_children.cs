using System;
using System.Collections.Generic;
using Wakers;

namespace Heldout2.ForeachDriveChildren;

// A task group that "drives" every child and then counts finished ones through a side channel: the
// children's poll answers are thrown away.
public sealed class Group : IFuture<Unit>
{
    private readonly List<IFuture<Unit>> _children;
    private readonly Func<int> _finished;

    public Group(List<IFuture<Unit>> children, Func<int> finished) { _children = children; _finished = finished; }

    public Poll<Unit> Poll(Context cx)
    {
        foreach (var child in _children)
            child.Poll(cx); // expect: WAKE008
        return _finished() == _children.Count ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
