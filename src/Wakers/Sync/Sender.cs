using System;
using System.Threading;

namespace Wakers.Sync;

/// <summary>
/// A producer's handle on a channel made by <see cref="Channel"/>. <see cref="Clone"/> it for each producer; dispose
/// every clone to close the channel (the receiver then ends after draining the buffer).
/// </summary>
public sealed class Sender<T> : IDisposable
{
    private readonly ChannelCore<T> _core;
    private int _disposed;

    internal Sender(ChannelCore<T> core) => _core = core;

    /// <summary>Whether the receiver was disposed: every send now fails.</summary>
    public bool IsClosed
    {
        get
        {
            lock (_core.Gate) return _core.ReceiverClosed;
        }
    }

    /// <summary>Another handle on the same channel; the channel stays open until every handle is disposed.</summary>
    /// <exception cref="ObjectDisposedException">This sender was disposed.</exception>
    public Sender<T> Clone()
    {
        ThrowIfDisposed();
        _core.AddSender();
        return new Sender<T>(_core);
    }

    /// <summary>Puts <paramref name="item"/> in the buffer without waiting; false when the buffer is full or the receiver is gone.</summary>
    /// <exception cref="ObjectDisposedException">This sender was disposed.</exception>
    public bool TrySend(T item)
    {
        ThrowIfDisposed();
        var wakes = default(PendingWakes);
        lock (_core.Gate)
        {
            if (_core.ReceiverClosed || !_core.HasRoom) return false;
            _core.Buffer.Enqueue(item);
            _core.TakeReceiverWakers(ref wakes);
        }

        wakes.WakeAll();
        return true;
    }

    /// <summary>
    /// A future that puts <paramref name="item"/> in the buffer, waiting while it is full (bounded channels); Ready once
    /// the item is buffered. Lazy: nothing is sent until it is polled. Until it finishes or is disposed it keeps the
    /// channel open like a sender. Disposing it before it completes withdraws the item, unless a receive already moved
    /// the waiting item into the buffer (a receive that frees a slot hands it to the first waiting send at once): then
    /// the item stays sent, and is received exactly once like any other.
    /// </summary>
    /// <remarks>Its poll throws <see cref="ChannelClosedException"/> when the receiver is disposed.</remarks>
    /// <exception cref="ObjectDisposedException">This sender was disposed.</exception>
    public IFuture<Unit> Send(T item)
    {
        ThrowIfDisposed();
        _core.AddSender();
        return new SendFuture<T>(_core, item);
    }

    /// <summary>Closes this handle (idempotent). When no handle or send remains, the receiver sees the end of the stream.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0) _core.ReleaseSender();
    }

    private void ThrowIfDisposed()
    {
        if (Volatile.Read(ref _disposed) != 0) throw new ObjectDisposedException(nameof(Sender<T>));
    }
}
