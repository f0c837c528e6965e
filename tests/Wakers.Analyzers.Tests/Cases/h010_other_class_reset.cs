using System.Collections.Generic;
using Wakers;

namespace Heldout.OtherClassReset;

public sealed class WaitList
{
    public readonly object Gate = new();
    public readonly List<Waker> Waiters = new();
    public bool Open;
}

// A controller class resets the shared wait list and drops every parked waiter without waking it.
public sealed class Controller
{
    private readonly WaitList _list;
    public Controller(WaitList list) => _list = list;

    public void Open()
    {
        Waker[] ws;
        lock (_list.Gate) { _list.Open = true; ws = _list.Waiters.ToArray(); _list.Waiters.Clear(); }
        foreach (var w in ws) w.Wake();
    }

    public void Reset()
    {
        lock (_list.Gate)
        {
            _list.Open = false;
            _list.Waiters.Clear(); // expect: WAKE010
        }
    }
}

public sealed class WaitOpen : IFuture<Unit>
{
    private readonly WaitList _list;
    public WaitOpen(WaitList list) => _list = list;

    public Poll<Unit> Poll(Context cx)
    {
        lock (_list.Gate)
        {
            if (_list.Open) return Poll<Unit>.Ready(Unit.Value);
            _list.Waiters.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }
}
