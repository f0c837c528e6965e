using System.Collections.Generic;
using Wakers;

namespace Heldout2.WakeThenClearOk;

// A barrier for n parties: the last arrival wakes every waiting party, then clears the list.
public sealed class Barrier
{
    private readonly object _gate = new();
    private readonly List<Waker> _waiting = new();
    private readonly int _parties;
    private int _arrived;
    private int _generation;

    public Barrier(int parties) => _parties = parties;

    public void Arrive()
    {
        lock (_gate)
        {
            if (++_arrived < _parties) return;
            _arrived = 0;
            _generation++;
            foreach (var w in _waiting) w.Wake();
            _waiting.Clear();
        }
    }

    public int Generation { get { lock (_gate) return _generation; } }

    public Poll<Unit> PollPassed(Context cx, int generation)
    {
        lock (_gate)
        {
            if (_generation != generation) return Poll<Unit>.Ready(Unit.Value);
            _waiting.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }
}
