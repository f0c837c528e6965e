using System;

namespace Wakers.Sync;

/// <summary>
/// An async semaphore: <see cref="Acquire"/> is a future Ready with a <see cref="SemaphorePermit"/> once enough permits
/// are free; disposing the permit (or calling <see cref="Release"/>) returns them. Fair: waiters are served first come,
/// first served, so a large request at the head makes later small ones wait. (Named apart from
/// <see cref="System.Threading.Semaphore"/> so that both namespaces can be imported together.)
/// </summary>
/// <remarks>
/// Released permits are handed directly to waiting futures. A waiting future that is disposed, even after permits
/// were handed to it but before it observed them, gives them back: cancellation never loses a permit.
/// </remarks>
public sealed class AsyncSemaphore
{
    private readonly object _gate = new();
    private readonly WaitQueue _waiters = new();
    private int _available;

    /// <summary>A semaphore with <paramref name="permits"/> free permits.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permits"/> is negative.</exception>
    public AsyncSemaphore(int permits)
    {
        if (permits < 0) throw new ArgumentOutOfRangeException(nameof(permits), permits, "The number of permits cannot be negative.");
        _available = permits;
    }

    /// <summary>How many permits are free right now.</summary>
    public int AvailablePermits
    {
        get
        {
            lock (_gate) return _available;
        }
    }

    /// <summary>
    /// A future Ready with a permit for <paramref name="permits"/> once they are free (and every earlier waiter is
    /// served). Dispose the future to stop waiting. Polling it after it completed throws <see cref="InvalidOperationException"/>; after it was disposed, <see cref="ObjectDisposedException"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permits"/> is less than 1.</exception>
    public IFuture<SemaphorePermit> Acquire(int permits = 1)
    {
        if (permits < 1) throw new ArgumentOutOfRangeException(nameof(permits), permits, "At least one permit must be acquired.");
        return new AcquireFuture(this, permits);
    }

    /// <summary>Takes <paramref name="permits"/> without waiting; false when not enough are free or others wait first.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permits"/> is less than 1.</exception>
    public bool TryAcquire(int permits, out SemaphorePermit? permit)
    {
        if (permits < 1) throw new ArgumentOutOfRangeException(nameof(permits), permits, "At least one permit must be acquired.");
        lock (_gate)
        {
            if (_waiters.IsEmpty && _available >= permits)
            {
                _available -= permits;
                permit = new SemaphorePermit(this, permits);
                return true;
            }
        }

        permit = null;
        return false;
    }

    /// <summary>Returns <paramref name="permits"/> to the semaphore, handing them to waiters in order.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="permits"/> is less than 1.</exception>
    /// <exception cref="InvalidOperationException">The count would overflow.</exception>
    public void Release(int permits = 1)
    {
        if (permits < 1) throw new ArgumentOutOfRangeException(nameof(permits), permits, "At least one permit must be released.");
        var wakes = default(PendingWakes);
        lock (_gate) ReleaseLocked(permits, ref wakes);
        wakes.WakeAll();
    }

    private void ReleaseLocked(int permits, ref PendingWakes wakes)
    {
        if (_available > int.MaxValue - permits) throw new InvalidOperationException("Releasing these permits would overflow the semaphore's count.");
        _available += permits;
        GrantLocked(ref wakes);
    }

    // Serves waiters from the head while the head's request fits.
    private void GrantLocked(ref PendingWakes wakes)
    {
        while (_waiters.Head is AcquireNode head && head.Requested <= _available)
        {
            _waiters.Dequeue();
            _available -= head.Requested;
            head.Granted = true;
            wakes.TakeFrom(head);
        }
    }

    private sealed class AcquireNode : WaitNode
    {
        internal int Requested;
        internal bool Granted;
    }

    private sealed class AcquireFuture : IFuture<SemaphorePermit>, IDisposable
    {
        private readonly AsyncSemaphore _owner;
        private readonly AcquireNode _node = new();
        private bool _done;
        private bool _disposed;

        internal AcquireFuture(AsyncSemaphore owner, int permits)
        {
            _owner = owner;
            _node.Requested = permits;
        }

        public Poll<SemaphorePermit> Poll(Context cx)
        {
            lock (_owner._gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(Acquire), "The acquire future was disposed; it cannot be polled again.");
                if (_done) throw new InvalidOperationException("The acquire already completed; a completed future cannot be polled again.");
                if (_node.Granted)
                {
                    _done = true;
                    return Poll<SemaphorePermit>.Ready(new SemaphorePermit(_owner, _node.Requested));
                }

                if (!_node.IsQueued)
                {
                    if (_owner._waiters.IsEmpty && _owner._available >= _node.Requested)
                    {
                        _owner._available -= _node.Requested;
                        _done = true;
                        return Poll<SemaphorePermit>.Ready(new SemaphorePermit(_owner, _node.Requested));
                    }

                    _owner._waiters.Enqueue(_node);
                }

                // Checked and stored under one lock: a release cannot slip in between.
                if (_node.Waker is null || !_node.Waker.WillWake(cx.Waker)) _node.Waker = cx.Waker;
                return Poll<SemaphorePermit>.Pending;
            }
        }

        /// <summary>Stops waiting; permits already handed to this future go back (to the next waiters).</summary>
        public void Dispose()
        {
            var wakes = default(PendingWakes);
            lock (_owner._gate)
            {
                _disposed = true;
                if (_done) return;
                _done = true;
                _node.Waker = null;
                if (_owner._waiters.Remove(_node))
                {
                    // Leaving the head may let the waiters behind it fit.
                    _owner.GrantLocked(ref wakes);
                }
                else if (_node.Granted)
                {
                    _owner.ReleaseLocked(_node.Requested, ref wakes);
                }
            }

            wakes.WakeAll();
        }
    }
}
