using System;
using Wakers.Scheduling;

namespace Wakers.Sync;

/// <summary>The sending end of a oneshot channel: sends one value, or is disposed to tell the receiver none will come.</summary>
public sealed class OneshotSender<T> : IDisposable
{
    private readonly OneshotCore<T> _core;

    internal OneshotSender(OneshotCore<T> core) => _core = core;

    /// <summary>Whether the receiver was disposed (a sent value would be dropped).</summary>
    public bool IsReceiverClosed
    {
        get
        {
            lock (_core.Gate) return _core.ReceiverDisposed;
        }
    }

    /// <summary>Sends <paramref name="value"/>; false (and nothing sent) when a value was already sent or the receiver is gone.</summary>
    /// <exception cref="ObjectDisposedException">The sender was disposed.</exception>
    public bool TrySend(T value) => SendCore(value) == SendOutcome.Sent;

    /// <summary>Sends <paramref name="value"/> to the receiver, waking it.</summary>
    /// <exception cref="InvalidOperationException">A value was already sent.</exception>
    /// <exception cref="ChannelClosedException">The receiver was disposed.</exception>
    /// <exception cref="ObjectDisposedException">The sender was disposed.</exception>
    public void Send(T value)
    {
        switch (SendCore(value))
        {
            case SendOutcome.AlreadySent:
                throw new InvalidOperationException("A oneshot sender sends only one value, and one was already sent.");
            case SendOutcome.ReceiverClosed:
                throw new ChannelClosedException("The oneshot receiver was disposed; the value cannot be delivered.");
        }
    }

    /// <summary>Closes the sender. If nothing was sent, the receiver's poll throws <see cref="ChannelClosedException"/>.</summary>
    public void Dispose()
    {
        Waker? waker = null;
        lock (_core.Gate)
        {
            if (_core.SenderDisposed) return;
            _core.SenderDisposed = true;
            if (_core.State == OneshotState.Empty)
            {
                _core.State = OneshotState.SenderClosed;
                waker = _core.ReceiverWaker;
                _core.ReceiverWaker = null;
            }
        }

        waker.WakeIsolated();
    }

    private SendOutcome SendCore(T value)
    {
        Waker? waker;
        lock (_core.Gate)
        {
            if (_core.SenderDisposed) throw new ObjectDisposedException(nameof(OneshotSender<T>));
            if (_core.State != OneshotState.Empty) return SendOutcome.AlreadySent;
            if (_core.ReceiverDisposed) return SendOutcome.ReceiverClosed;
            _core.Value = value;
            _core.State = OneshotState.Sent;
            waker = _core.ReceiverWaker;
            _core.ReceiverWaker = null;
        }

        // Published under the lock; woken after releasing it.
        waker.WakeIsolated();
        return SendOutcome.Sent;
    }

    private enum SendOutcome
    {
        Sent,
        AlreadySent,
        ReceiverClosed,
    }
}
