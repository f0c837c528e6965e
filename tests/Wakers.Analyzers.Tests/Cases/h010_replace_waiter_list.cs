using System.Collections.Generic;
using Wakers;

namespace Heldout.ReplaceWaiterList;

// A barrier's "generation reset" swaps in a fresh waiter list, stranding every task still parked on the old one.
public sealed class Barrier
{
    private readonly object _gate = new();
    private List<Waker> _waiters = new();
    private int _generation;
    private int _arrived;
    private readonly int _parties;

    public Barrier(int parties) => _parties = parties;

    public Poll<int> PollArrive(int generation, Context cx)
    {
        lock (_gate)
        {
            if (_generation != generation) return Poll<int>.Ready(_generation);
            _waiters.Add(cx.Waker);
            return Poll<int>.Pending;
        }
    }

    public void Arrive()
    {
        List<Waker>? toWake = null;
        lock (_gate)
        {
            if (++_arrived == _parties)
            {
                _arrived = 0;
                _generation++;
                toWake = _waiters;
                _waiters = new List<Waker>();
            }
        }
        if (toWake is not null) foreach (var w in toWake) w.Wake();
    }

    public void Abort()
    {
        lock (_gate)
        {
            _arrived = 0;
            _waiters = new List<Waker>(); // expect: WAKE010
        }
    }
}
