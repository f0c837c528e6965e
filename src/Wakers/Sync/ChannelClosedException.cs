using System;

namespace Wakers.Sync;

/// <summary>
/// A channel operation that cannot complete because the other side is gone: receiving after every sender closed (and
/// the buffer is empty), or sending after the receiver closed.
/// </summary>
public sealed class ChannelClosedException : InvalidOperationException
{
    /// <summary>An exception with a default message.</summary>
    public ChannelClosedException()
        : base("The channel is closed.")
    {
    }

    /// <summary>An exception with <paramref name="message"/>.</summary>
    public ChannelClosedException(string message)
        : base(message)
    {
    }

    /// <summary>An exception with <paramref name="message"/>, caused by <paramref name="innerException"/>.</summary>
    public ChannelClosedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
