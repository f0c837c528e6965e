using System.Collections.Generic;
using Wakers;

namespace Heldout3.DictionaryClear;

// Waiters keyed by ticket: Flush forgets them all without waking any.
public sealed class TicketBoard
{
    private readonly object _gate = new();
    private readonly Dictionary<int, Waker> _waiters = new();
    private int _served;

    public void Serve(int ticket)
    {
        Waker? w;
        lock (_gate) { _served = ticket; _waiters.Remove(ticket, out w); }
        w?.Wake();
    }

    public void Flush()
    {
        lock (_gate)
        {
            _waiters.Clear(); // expect: WAKE010
        }
    }

    public Poll<Unit> PollTurn(int ticket, Context cx)
    {
        lock (_gate)
        {
            if (_served >= ticket) return Poll<Unit>.Ready(Unit.Value);
            _waiters[ticket] = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
