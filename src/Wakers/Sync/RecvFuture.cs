using System;

namespace Wakers.Sync;

/// <summary>The future of <see cref="Receiver{T}.Recv"/>: the next item, or <see cref="ChannelClosedException"/> at the end.</summary>
internal sealed class RecvFuture<T> : IFuture<T>, IDisposable
{
    private readonly Receiver<T> _receiver;
    private readonly WaitNode _node = new();
    private bool _done;
    private bool _disposed;

    internal RecvFuture(Receiver<T> receiver) => _receiver = receiver;

    public Poll<T> Poll(Context cx)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(RecvFuture<T>), "The receive future was disposed; it cannot be polled again.");
        if (_done) throw new InvalidOperationException("The receive already completed; a completed future cannot be polled again.");
        var poll = _receiver.PollReceive(_node, cx);
        if (poll.IsPending) return Poll<T>.Pending;
        _done = true;
        var (hasItem, item) = poll.Value;
        if (!hasItem) throw new ChannelClosedException("Every sender of the channel was disposed and its buffer is empty.");
        return Poll<T>.Ready(item);
    }

    /// <summary>Stops waiting; no item is taken.</summary>
    public void Dispose()
    {
        _disposed = true;
        _done = true;
        _receiver.CancelWait(_node);
    }
}
