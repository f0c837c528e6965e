using System;
using System.Collections.Generic;
using Wakers;

namespace Heldout2.DisposeUnregistersOk;

// A timer wheel entry: the sleep future's own Dispose unlinks its waker (a dropped future needs no wake).
public sealed class Wheel
{
    internal readonly object Gate = new();
    internal readonly LinkedList<(long Due, Waker Waker)> Entries = new();
    internal long Now;

    public void Advance(long now)
    {
        var due = new List<Waker>();
        lock (Gate)
        {
            Now = now;
            var node = Entries.First;
            while (node is not null)
            {
                var next = node.Next;
                if (node.Value.Due <= now) { due.Add(node.Value.Waker); Entries.Remove(node); }
                node = next;
            }
        }
        foreach (var w in due) w.Wake();
    }
}

public sealed class Sleep : IFuture<Unit>, IDisposable
{
    private readonly Wheel _wheel;
    private readonly long _due;
    private LinkedListNode<(long Due, Waker Waker)>? _node;

    public Sleep(Wheel wheel, long due) { _wheel = wheel; _due = due; }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_wheel.Gate)
        {
            if (_wheel.Now >= _due) { _node = null; return Poll<Unit>.Ready(Unit.Value); }
            if (_node is { List: not null }) _node.Value = (_due, cx.Waker);
            else _node = _wheel.Entries.AddLast((_due, cx.Waker));
            return Poll<Unit>.Pending;
        }
    }

    public void Dispose()
    {
        lock (_wheel.Gate)
        {
            if (_node is { List: not null }) _wheel.Entries.Remove(_node);
            _node = null;
        }
    }
}
