using System;

namespace Wakers.Sync;

/// <summary>
/// Multi-producer, single-consumer channels. Each factory returns one <see cref="Sender{T}"/> (clone it for more
/// producers) and the <see cref="Receiver{T}"/>. Items from one sender arrive in the order sent.
/// </summary>
public static class Channel
{
    /// <summary>A channel whose buffer grows without limit: <see cref="Sender{T}.TrySend"/> succeeds unless the receiver is gone.</summary>
    public static (Sender<T> Sender, Receiver<T> Receiver) Unbounded<T>()
    {
        var core = new ChannelCore<T>(int.MaxValue);
        return (new Sender<T>(core), new Receiver<T>(core));
    }

    /// <summary>
    /// A channel buffering at most <paramref name="capacity"/> items: when full, <see cref="Sender{T}.Send"/> futures
    /// wait (first come, first served) and <see cref="Sender{T}.TrySend"/> returns false.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is less than 1.</exception>
    public static (Sender<T> Sender, Receiver<T> Receiver) Bounded<T>(int capacity)
    {
        if (capacity < 1) throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A bounded channel's capacity must be at least 1.");
        var core = new ChannelCore<T>(capacity);
        return (new Sender<T>(core), new Receiver<T>(core));
    }
}
