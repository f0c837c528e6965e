using System.Collections.Generic;
using Wakers;

namespace LostWakeups;

/// <summary>A single-reader mailbox: <see cref="Receive"/> completes with the next message posted.</summary>
public sealed class Mailbox
{
    private readonly object _gate = new();
    private readonly Queue<string> _messages = new();
    private Waker? _reader;

    public void Post(string message)
    {
        Waker? reader;
        lock (_gate)
        {
            _messages.Enqueue(message);
            reader = _reader; // taken after the write, woken after the lock
            _reader = null;
        }
        reader?.Wake();
    }

    public IFuture<string> Receive() => new ReceiveFuture(this);

    private Poll<string> PollReceive(Context cx)
    {
        lock (_gate)
        {
            if (_messages.TryDequeue(out var message)) return Poll<string>.Ready(message);
            if (_reader is null || !_reader.WillWake(cx.Waker)) _reader = cx.Waker; // refreshed on every poll
            return Poll<string>.Pending;
        }
    }

    private sealed class ReceiveFuture : IFuture<string>
    {
        private readonly Mailbox _mailbox;
        public ReceiveFuture(Mailbox mailbox) => _mailbox = mailbox;
        public Poll<string> Poll(Context cx) => _mailbox.PollReceive(cx);
    }
}

/// <summary>The mailbox with a stale reader: the first poll's waker is kept for good, even when another task polls.</summary>
public sealed class StickyMailbox
{
    private readonly object _gate = new();
    private readonly Queue<string> _messages = new();
    private Waker? _reader;

    public void Post(string message)
    {
        Waker? reader;
        lock (_gate)
        {
            _messages.Enqueue(message);
            reader = _reader;
            _reader = null;
        }
        reader?.Wake();
    }

    public Poll<string> PollReceive(Context cx)
    {
        lock (_gate)
        {
            if (_messages.TryDequeue(out var message)) return Poll<string>.Ready(message);
            _reader ??= cx.Waker; // BUG WAKE002: a later poll from another task keeps the first waker
            return Poll<string>.Pending;
        }
    }
}

/// <summary>The mailbox whose Post wakes the reader before the message is in: the reader can look, find nothing, and sleep.</summary>
public sealed class HastyMailbox
{
    private readonly object _gate = new();
    private readonly Queue<string> _messages = new();
    private Waker? _reader;

    public void Post(string message)
    {
        _reader?.Wake(); // BUG WAKE005: wakes before the message is enqueued
        lock (_gate)
        {
            _messages.Enqueue(message);
        }
    }

    public Poll<string> PollReceive(Context cx)
    {
        lock (_gate)
        {
            if (_messages.TryDequeue(out var message)) return Poll<string>.Ready(message);
            _reader = cx.Waker;
            return Poll<string>.Pending;
        }
    }
}
