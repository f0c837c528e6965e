using System;
using Wakers;

namespace Heldout2.ArrayClearSlots;

// A slab of waiter slots indexed by ticket: Reset wipes the whole array and strands every parked task.
public sealed class Tickets
{
    private readonly object _gate = new();
    private readonly Waker?[] _slots = new Waker?[8];
    private readonly bool[] _served = new bool[8];

    public void Serve(int ticket)
    {
        Waker? w;
        lock (_gate) { _served[ticket] = true; w = _slots[ticket]; _slots[ticket] = null; }
        w?.Wake();
    }

    public void Reset()
    {
        lock (_gate)
        {
            Array.Clear(_served);
            Array.Clear(_slots); // expect: WAKE010
        }
    }

    public Poll<Unit> PollServed(Context cx, int ticket)
    {
        lock (_gate)
        {
            if (_served[ticket]) return Poll<Unit>.Ready(Unit.Value);
            _slots[ticket] = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
