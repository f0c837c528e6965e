using System;

namespace Wakers.Sync;

/// <summary>
/// The consumer's end of a channel made by <see cref="Channel"/>: a stream of the items (it ends once every sender is
/// disposed and the buffer is drained), plus <see cref="Recv"/> and <see cref="TryRecv"/>. Dispose it to close the
/// channel: pending and later sends fail with <see cref="ChannelClosedException"/>, buffered items are dropped.
/// </summary>
/// <remarks>
/// One consumer at a time is the intended use; several tasks polling it are still safe (every waiting poll is woken
/// by each new item).
/// </remarks>
public sealed class Receiver<T> : IStream<T>, IDisposable
{
    private readonly ChannelCore<T> _core;
    private readonly WaitNode _streamNode = new();

    internal Receiver(ChannelCore<T> core) => _core = core;

    /// <summary>How many items are buffered.</summary>
    public int Count
    {
        get
        {
            lock (_core.Gate) return _core.Buffer.Count;
        }
    }

    /// <summary>Ready with the next item, Ready with <c>HasItem = false</c> at the end, or Pending (waker registered).</summary>
    /// <exception cref="ObjectDisposedException">The receiver was disposed.</exception>
    public Poll<(bool HasItem, T Item)> PollNext(Context cx) => PollReceive(_streamNode, cx);

    /// <summary>
    /// A future Ready with the next item. Its poll throws <see cref="ChannelClosedException"/> when the channel ended
    /// (every sender disposed, buffer empty). Dispose it to stop waiting.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The receiver was disposed.</exception>
    public IFuture<T> Recv()
    {
        lock (_core.Gate)
        {
            if (_core.ReceiverClosed) throw new ObjectDisposedException(nameof(Receiver<T>));
        }

        return new RecvFuture<T>(this);
    }

    /// <summary>Takes the next item without waiting; false when the buffer is empty.</summary>
    /// <exception cref="ObjectDisposedException">The receiver was disposed.</exception>
    public bool TryRecv(out T item)
    {
        var wakes = default(PendingWakes);
        bool taken;
        lock (_core.Gate)
        {
            if (_core.ReceiverClosed) throw new ObjectDisposedException(nameof(Receiver<T>));
            taken = _core.TryTake(out item, ref wakes);
        }

        wakes.WakeAll();
        return taken;
    }

    /// <summary>Closes the channel: waiting sends are woken to fail, buffered items are dropped. Idempotent.</summary>
    public void Dispose()
    {
        var wakes = default(PendingWakes);
        lock (_core.Gate)
        {
            if (_core.ReceiverClosed) return;
            _core.ReceiverClosed = true;
            _core.Buffer.Clear();
            while (_core.BlockedSends.Dequeue() is { } send) wakes.TakeFrom(send);
            _core.TakeReceiverWakers(ref wakes);
        }

        wakes.WakeAll();
    }

    /// <summary>One receive attempt for <paramref name="node"/> (the stream's own, or a <see cref="Recv"/> future's).</summary>
    internal Poll<(bool HasItem, T Item)> PollReceive(WaitNode node, Context cx)
    {
        var wakes = default(PendingWakes);
        T item;
        lock (_core.Gate)
        {
            if (_core.ReceiverClosed) throw new ObjectDisposedException(nameof(Receiver<T>));
            if (!_core.TryTake(out item, ref wakes))
            {
                // Nothing was taken, so there is nothing to wake: answer from inside the lock.
                if (_core.Senders == 0)
                {
                    _core.Receivers.Remove(node);
                    return Poll<(bool, T)>.Ready((false, default!));
                }

                // Checked and stored under one lock: a send cannot slip in between.
                if (!node.IsQueued) _core.Receivers.Enqueue(node);
                node.Register(cx.Waker);
                return Poll<(bool, T)>.Pending;
            }

            _core.Receivers.Remove(node);
        }

        // A freed slot went to a waiting send: wake it after releasing the lock.
        wakes.WakeAll();
        return Poll<(bool, T)>.Ready((true, item));
    }

    /// <summary>Stops <paramref name="node"/> waiting (a disposed <see cref="Recv"/> future).</summary>
    internal void CancelWait(WaitNode node)
    {
        lock (_core.Gate) _core.Receivers.Remove(node);
    }
}
