using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout2.BroadcastLockAfterCheck;

// A broadcast receiver compares versions outside the lock and only takes the lock to add its waker:
// a Send between the comparison and the lock bumps the version, finds no waiter, and wakes nobody.
public sealed class Broadcast<T>
{
    internal readonly object Gate = new();
    internal readonly List<Waker> Waiters = new();
    internal int Version;
    internal T Latest = default!;

    public void Send(T value)
    {
        Waker[] wake;
        lock (Gate)
        {
            Latest = value;
            Version++;
            wake = Waiters.ToArray();
            Waiters.Clear();
        }
        foreach (var w in wake) w.Wake();
    }

    public Receiver<T> Subscribe() => new(this);
}

public sealed class Receiver<T> : IFuture<T>
{
    private readonly Broadcast<T> _chan;
    private int _seen;

    internal Receiver(Broadcast<T> chan) { _chan = chan; _seen = Volatile.Read(ref chan.Version); }

    public Poll<T> Poll(Context cx)
    {
        var version = Volatile.Read(ref _chan.Version);
        if (version != _seen)
        {
            _seen = version;
            return Poll<T>.Ready(_chan.Latest);
        }
        lock (_chan.Gate)
        {
            _chan.Waiters.Add(cx.Waker); // expect: WAKE004
        }
        return Poll<T>.Pending;
    }
}
