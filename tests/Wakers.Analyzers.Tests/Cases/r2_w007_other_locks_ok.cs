using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout2.OtherLocksOk;

// A watch channel guarded by a ReaderWriterLockSlim, and a SpinLock around a counter: short critical
// sections, not waits on another task.
public sealed class Watch<T>
{
    private readonly ReaderWriterLockSlim _rw = new();
    private readonly List<Waker> _watchers = new();
    private SpinLock _statsLock = new(false);
    private T _value;
    private int _version;
    private long _polls;

    public Watch(T initial) => _value = initial;

    public void Publish(T value)
    {
        Waker[] wake;
        _rw.EnterWriteLock();
        try { _value = value; _version++; wake = _watchers.ToArray(); _watchers.Clear(); }
        finally { _rw.ExitWriteLock(); }
        foreach (var w in wake) w.Wake();
    }

    public Poll<T> PollChanged(Context cx, ref int seen)
    {
        var taken = false;
        try { _statsLock.Enter(ref taken); _polls++; }
        finally { if (taken) _statsLock.Exit(); }

        _rw.EnterWriteLock();
        try
        {
            if (_version != seen) { seen = _version; return Poll<T>.Ready(_value); }
            _watchers.Add(cx.Waker);
            return Poll<T>.Pending;
        }
        finally { _rw.ExitWriteLock(); }
    }
}
