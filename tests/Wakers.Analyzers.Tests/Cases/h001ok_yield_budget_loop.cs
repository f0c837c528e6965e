using System.Collections.Generic;
using Wakers;

namespace Heldout.YieldBudgetLoopOk;

// tokio's coop budget: a stream adapter drains at most 32 items per poll, then wakes itself and yields.
public sealed class Drain
{
    private readonly IFuture<int>[] _sources;
    private readonly List<int> _out = new();
    private int _next;

    public Drain(IFuture<int>[] sources) => _sources = sources;

    public Poll<int> PollDrain(Context cx)
    {
        var budget = 32;
        while (_next < _sources.Length)
        {
            if (budget-- == 0)
            {
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }
            var r = _sources[_next].Poll(cx);
            if (r.IsPending) return Poll<int>.Pending;
            _out.Add(r.Value);
            _next++;
        }
        return Poll<int>.Ready(_out.Count);
    }
}
