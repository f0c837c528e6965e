using System;

namespace Wakers.Sync;

/// <summary>The future of <see cref="Sender{T}.Send"/>: buffers its item, or waits in line for a free slot.</summary>
internal sealed class SendFuture<T> : IFuture<Unit>, IDisposable
{
    private readonly ChannelCore<T> _core;
    private readonly SendNode<T> _node = new();
    private bool _finished;
    private bool _disposed;

    internal SendFuture(ChannelCore<T> core, T item)
    {
        _core = core;
        _node.Value = item;
    }

    public Poll<Unit> Poll(Context cx)
    {
        var wakes = default(PendingWakes);
        bool ready;
        var closed = false;
        lock (_core.Gate)
        {
            if (_disposed) throw new ObjectDisposedException(nameof(SendFuture<T>));
            if (_finished) throw new InvalidOperationException("The send already completed; a completed future cannot be polled again.");
            if (_node.Delivered)
            {
                ready = true;
            }
            else if (_core.ReceiverClosed)
            {
                _core.BlockedSends.Remove(_node);
                closed = true;
                ready = false;
            }
            else if (!_node.IsQueued && _core.HasRoom)
            {
                _core.Buffer.Enqueue(_node.Value!);
                _node.Value = default;
                _node.Delivered = true;
                _core.TakeReceiverWakers(ref wakes);
                ready = true;
            }
            else
            {
                // Checked and stored under one lock: the receiver cannot free a slot in between.
                if (!_node.IsQueued) _core.BlockedSends.Enqueue(_node);
                if (_node.Waker is null || !_node.Waker.WillWake(cx.Waker)) _node.Waker = cx.Waker;
                ready = false;
            }
        }

        wakes.WakeAll();
        if (closed)
        {
            Finish();
            throw new ChannelClosedException("The channel's receiver was disposed; the item cannot be sent.");
        }

        if (!ready) return Poll<Unit>.Pending;
        Finish();
        return Poll<Unit>.Ready(Unit.Value);
    }

    /// <summary>Withdraws a waiting send (its item is not sent) and releases its hold on the channel.</summary>
    public void Dispose()
    {
        lock (_core.Gate)
        {
            if (_disposed) return;
            _disposed = true;
            _core.BlockedSends.Remove(_node);
        }

        Finish();
    }

    // Outside the gate: releasing the hold may end the stream and wake the receiver.
    private void Finish()
    {
        if (_finished) return;
        _finished = true;
        _core.ReleaseSender();
    }
}
