using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout.SystemLockOk;

// An async RwLock's read side under System.Threading.Lock: the check and the store share one `lock` statement.
public sealed class RwLock
{
    private readonly Lock _lock = new();
    private readonly List<Waker> _readers = new();
    private bool _writer;
    private int _readCount;

    public Poll<Unit> PollRead(Context cx)
    {
        lock (_lock)
        {
            if (!_writer) { _readCount++; return Poll<Unit>.Ready(Unit.Value); }
            _readers.Add(cx.Waker);
            return Poll<Unit>.Pending;
        }
    }

    public void ReleaseWrite()
    {
        Waker[] toWake;
        lock (_lock)
        {
            _writer = false;
            toWake = _readers.ToArray();
            _readers.Clear();
        }
        foreach (var w in toWake) w.Wake();
    }
}
