using System.Collections.Generic;
using Wakers.Scheduling;

namespace Wakers.Sync;

/// <summary>
/// Wakers taken from waiters under a lock, to be woken after the lock is released (a wake may run arbitrary code).
/// A mutable struct: keep it in a local and pass it by reference.
/// </summary>
internal struct PendingWakes
{
    private Waker? _first;
    private List<Waker>? _more;

    /// <summary>Takes <paramref name="node"/>'s waker (if any) out of the node, to wake later.</summary>
    internal void TakeFrom(WaitNode node)
    {
        var waker = node.Waker;
        node.Waker = null;
        if (waker is null) return;
        if (_first is null) _first = waker;
        else (_more ??= new List<Waker>()).Add(waker);
    }

    /// <summary>
    /// Wakes everything taken. Call it after releasing the lock. Never throws: each waker belongs to a waiting task, so
    /// a waker's exception is reported through <see cref="Executor.UnhandledException"/> and the others are still woken.
    /// </summary>
    internal readonly void WakeAll()
    {
        _first.WakeIsolated();
        if (_more is null) return;
        foreach (var waker in _more) waker.WakeIsolated();
    }
}
