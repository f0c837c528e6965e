namespace Wakers.Sync;

/// <summary>The state both ends of a oneshot channel share, guarded by <see cref="Gate"/>.</summary>
internal sealed class OneshotCore<T>
{
    internal readonly object Gate = new();
    internal OneshotState State;
    internal T? Value;
    internal bool SenderDisposed;
    internal bool ReceiverDisposed;
    internal Waker? ReceiverWaker;
}

/// <summary>Where the one value of a oneshot channel is.</summary>
internal enum OneshotState
{
    /// <summary>Nothing sent yet.</summary>
    Empty,

    /// <summary>A value waits for the receiver.</summary>
    Sent,

    /// <summary>The receiver took the value.</summary>
    Received,

    /// <summary>The sender was disposed without sending.</summary>
    SenderClosed,
}
