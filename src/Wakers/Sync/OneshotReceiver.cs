using System;
using Wakers.Scheduling;

namespace Wakers.Sync;

/// <summary>
/// The receiving end of a oneshot channel: a future Ready with the sent value. Dispose it to tell the sender the value
/// is no longer wanted.
/// </summary>
public sealed class OneshotReceiver<T> : IFuture<T>, IDisposable
{
    private readonly OneshotCore<T> _core;

    internal OneshotReceiver(OneshotCore<T> core) => _core = core;

    /// <summary>Ready with the value once sent; Pending (waker stored) until then.</summary>
    /// <exception cref="ChannelClosedException">The sender was disposed without sending.</exception>
    /// <exception cref="InvalidOperationException">The value was already received (the future completed).</exception>
    /// <exception cref="ObjectDisposedException">The receiver was disposed.</exception>
    public Poll<T> Poll(Context cx)
    {
        lock (_core.Gate)
        {
            if (_core.ReceiverDisposed) throw new ObjectDisposedException(nameof(OneshotReceiver<T>));
            switch (_core.State)
            {
                case OneshotState.Sent:
                    var value = _core.Value!;
                    _core.Value = default;
                    _core.State = OneshotState.Received;
                    return Poll<T>.Ready(value);
                case OneshotState.Received:
                    throw new InvalidOperationException("The oneshot value was already received; a completed future cannot be polled again.");
                case OneshotState.SenderClosed:
                    throw new ChannelClosedException("The oneshot sender was disposed without sending a value.");
            }

            // Checked and stored under one lock: a send cannot slip in between.
            if (_core.ReceiverWaker is null || !_core.ReceiverWaker.WillWake(cx.Waker)) _core.ReceiverWaker = cx.Waker;
            return Poll<T>.Pending;
        }
    }

    /// <summary>Takes the value if it has been sent, without waiting.</summary>
    /// <exception cref="ObjectDisposedException">The receiver was disposed.</exception>
    public bool TryReceive(out T value)
    {
        Waker? waiting;
        lock (_core.Gate)
        {
            if (_core.ReceiverDisposed) throw new ObjectDisposedException(nameof(OneshotReceiver<T>));
            if (_core.State != OneshotState.Sent)
            {
                value = default!;
                return false;
            }

            value = _core.Value!;
            _core.Value = default;
            _core.State = OneshotState.Received;
            waiting = _core.ReceiverWaker;
            _core.ReceiverWaker = null;
        }

        // Normally null (the send took it); never strand a poll still waiting on this receiver.
        waiting.WakeIsolated();
        return true;
    }

    /// <summary>Closes the receiver: a later send fails, and an unreceived value is dropped.</summary>
    public void Dispose()
    {
        lock (_core.Gate)
        {
            _core.ReceiverDisposed = true;
            _core.Value = default;
            // The receiver's own waker: nobody else waits on it.
            _core.ReceiverWaker = null;
        }
    }
}
