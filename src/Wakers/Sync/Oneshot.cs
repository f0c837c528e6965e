namespace Wakers.Sync;

/// <summary>A channel for exactly one value: <see cref="Create{T}"/> makes the two ends.</summary>
public static class Oneshot
{
    /// <summary>
    /// A connected sender and receiver. The receiver is a future Ready with the sent value; if the sender is disposed
    /// without sending, the receiver's poll throws <see cref="ChannelClosedException"/>.
    /// </summary>
    public static (OneshotSender<T> Sender, OneshotReceiver<T> Receiver) Create<T>()
    {
        var core = new OneshotCore<T>();
        return (new OneshotSender<T>(core), new OneshotReceiver<T>(core));
    }
}
