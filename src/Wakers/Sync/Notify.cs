using System;

namespace Wakers.Sync;

/// <summary>
/// An async event with tokio's <c>Notify</c> semantics. <see cref="NotifyOne"/> wakes the longest-waiting
/// <see cref="Notified"/> future, or, when none waits, stores one permit that the next <see cref="Notified"/> future
/// consumes at once (permits do not accumulate). <see cref="NotifyAll"/> completes every <see cref="Notified"/> future
/// created before it, polled or not, and stores no permit.
/// </summary>
/// <remarks>
/// Create the <see cref="Notified"/> future before checking the condition it waits for: a <see cref="NotifyAll"/>
/// between the check and the first poll is not missed. A future that received a <see cref="NotifyOne"/> and is
/// disposed before observing it passes the notification on to the next waiter (or back to the permit).
/// </remarks>
public sealed class Notify
{
    private readonly object _gate = new();
    private readonly WaitQueue _waiters = new();
    private bool _permit;
    private int _notifyAllCount;

    /// <summary>Wakes the first waiter, or stores a permit when no one waits.</summary>
    public void NotifyOne()
    {
        var wakes = default(PendingWakes);
        lock (_gate) NotifyOneLocked(ref wakes);
        wakes.WakeAll();
    }

    /// <summary>Completes every <see cref="Notified"/> future created so far; stores no permit.</summary>
    public void NotifyAll()
    {
        var wakes = default(PendingWakes);
        lock (_gate)
        {
            _notifyAllCount++;
            while (_waiters.Dequeue() is NotifyNode node)
            {
                node.Notification = NotifyNode.ByAll;
                wakes.TakeFrom(node);
            }
        }

        wakes.WakeAll();
    }

    /// <summary>
    /// A future Ready when notified (see the class remarks). Dispose it to stop waiting. Polling it after it completed
    /// throws <see cref="InvalidOperationException"/>; after it was disposed, <see cref="ObjectDisposedException"/>.
    /// </summary>
    public IFuture<Unit> Notified()
    {
        lock (_gate) return new NotifiedFuture(this, _notifyAllCount);
    }

    private void NotifyOneLocked(ref PendingWakes wakes)
    {
        if (_waiters.Dequeue() is NotifyNode node)
        {
            node.Notification = NotifyNode.ByOne;
            wakes.TakeFrom(node);
        }
        else
        {
            _permit = true;
        }
    }

    private sealed class NotifyNode : WaitNode
    {
        internal const int None = 0;
        internal const int ByOne = 1;
        internal const int ByAll = 2;
        internal int Notification;
    }

    private sealed class NotifiedFuture : IFuture<Unit>, IDisposable
    {
        private readonly Notify _owner;
        private readonly int _notifyAllCountAtCreation;
        private readonly NotifyNode _node = new();
        private bool _done;
        private bool _disposed;

        internal NotifiedFuture(Notify owner, int notifyAllCount)
        {
            _owner = owner;
            _notifyAllCountAtCreation = notifyAllCount;
        }

        public Poll<Unit> Poll(Context cx)
        {
            lock (_owner._gate)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(Notified), "The notified future was disposed; it cannot be polled again.");
                if (_done) throw new InvalidOperationException("The notified future already completed; a completed future cannot be polled again.");
                if (_node.Notification != NotifyNode.None || _owner._notifyAllCount != _notifyAllCountAtCreation)
                {
                    _owner._waiters.Remove(_node);
                    _done = true;
                    return Poll<Unit>.Ready(Unit.Value);
                }

                if (!_node.IsQueued)
                {
                    if (_owner._permit)
                    {
                        _owner._permit = false;
                        _done = true;
                        return Poll<Unit>.Ready(Unit.Value);
                    }

                    _owner._waiters.Enqueue(_node);
                }

                // Checked and stored under one lock: a notification cannot slip in between.
                if (_node.Waker is null || !_node.Waker.WillWake(cx.Waker)) _node.Waker = cx.Waker;
                return Poll<Unit>.Pending;
            }
        }

        /// <summary>Stops waiting; an unobserved NotifyOne goes to the next waiter (or back to the permit).</summary>
        public void Dispose()
        {
            var wakes = default(PendingWakes);
            lock (_owner._gate)
            {
                _disposed = true;
                if (_done) return;
                _done = true;
                if (!_owner._waiters.Remove(_node) && _node.Notification == NotifyNode.ByOne) _owner.NotifyOneLocked(ref wakes);
                _node.Waker = null;
            }

            wakes.WakeAll();
        }
    }
}
