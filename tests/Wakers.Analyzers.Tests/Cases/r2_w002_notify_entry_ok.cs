using System.Collections.Generic;
using Wakers;

namespace Heldout2.NotifyEntryOk;

// tokio's Notify with intrusive entries: the entry is linked once, but its waker is replaced on every
// Pending poll, so a move to another task is followed.
public sealed class Notify
{
    internal sealed class Entry
    {
        public Waker? Waker;
        public bool Linked;
        public bool Notified;
    }

    private readonly object _gate = new();
    private readonly Queue<Entry> _waiting = new();

    public void NotifyOne()
    {
        Waker? w = null;
        lock (_gate)
        {
            if (_waiting.TryDequeue(out var e))
            {
                e.Linked = false;
                e.Notified = true;
                w = e.Waker;
                e.Waker = null;
            }
        }
        w?.Wake();
    }

    public Notified Wait() => new(this);

    public sealed class Notified : IFuture<Unit>
    {
        private readonly Notify _owner;
        private readonly Entry _entry = new();

        internal Notified(Notify owner) => _owner = owner;

        public Poll<Unit> Poll(Context cx)
        {
            lock (_owner._gate)
            {
                if (_entry.Notified) return Poll<Unit>.Ready(Unit.Value);
                _entry.Waker = cx.Waker;
                if (!_entry.Linked)
                {
                    _owner._waiting.Enqueue(_entry);
                    _entry.Linked = true;
                }
                return Poll<Unit>.Pending;
            }
        }
    }
}
