using System.Collections.Generic;

namespace Wakers.Sync;

/// <summary>
/// The state shared by a channel's senders and receiver, all guarded by <see cref="Gate"/>. Invariant: a send waits
/// in <see cref="BlockedSends"/> only while the buffer is full; each item taken moves the first waiting send's value in.
/// </summary>
internal sealed class ChannelCore<T>
{
    internal readonly object Gate = new();
    internal readonly Queue<T> Buffer = new();
    internal readonly int Capacity;
    internal readonly WaitQueue Receivers = new();
    internal readonly WaitQueue BlockedSends = new();

    // Live sender handles plus unfinished send futures: the stream ends when this is 0 and the buffer is empty.
    internal int Senders = 1;
    internal bool ReceiverClosed;

    internal ChannelCore(int capacity) => Capacity = capacity;

    /// <summary>Under <see cref="Gate"/>: whether a new send may go straight into the buffer (no one is queued ahead).</summary>
    internal bool HasRoom => Buffer.Count < Capacity && BlockedSends.IsEmpty;

    /// <summary>Under <see cref="Gate"/>: takes every waiting receiver's waker, to wake after the lock.</summary>
    internal void TakeReceiverWakers(ref PendingWakes wakes)
    {
        while (Receivers.Dequeue() is { } node) wakes.TakeFrom(node);
    }

    /// <summary>Under <see cref="Gate"/>: takes the oldest item, then hands the freed slot to the first waiting send.</summary>
    internal bool TryTake(out T item, ref PendingWakes wakes)
    {
        if (!Buffer.TryDequeue(out item!)) return false;
        if (BlockedSends.Dequeue() is SendNode<T> send)
        {
            Buffer.Enqueue(send.Value!);
            send.Value = default;
            send.Delivered = true;
            wakes.TakeFrom(send);
        }

        return true;
    }

    internal void AddSender()
    {
        lock (Gate) Senders++;
    }

    /// <summary>One sender (or send future) is done; the last one ends the stream for the receiver.</summary>
    internal void ReleaseSender()
    {
        var wakes = default(PendingWakes);
        lock (Gate)
        {
            Senders--;
            if (Senders == 0) TakeReceiverWakers(ref wakes);
        }

        wakes.WakeAll();
    }
}

/// <summary>A waiting send: its value, handed into the buffer by the receiver when a slot frees.</summary>
internal sealed class SendNode<T> : WaitNode
{
    internal T? Value;
    internal bool Delivered;
}
