using System.Threading;
using Wakers;

namespace Heldout.SlabArraySlot;

// async-std WakerSet style: each waiter has a slot in an array; the check and the slot write are not ordered by any lock or re-check.
public sealed class Event
{
    private readonly Waker?[] _slots = new Waker?[64];
    private volatile bool _fired;

    public void Fire()
    {
        _fired = true;
        for (var i = 0; i < _slots.Length; i++) Interlocked.Exchange(ref _slots[i], null)?.Wake();
    }

    public Poll<Unit> PollWait(int slot, Context cx)
    {
        if (_fired) return Poll<Unit>.Ready(Unit.Value);
        _slots[slot] = cx.Waker; // expect: WAKE004
        return Poll<Unit>.Pending;
    }
}
