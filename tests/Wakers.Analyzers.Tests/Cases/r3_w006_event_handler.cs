using System;
using Wakers;

namespace Heldout3.EventHandlerFlag;

public sealed class Download
{
    public event EventHandler? Completed;
    public void Raise() => Completed?.Invoke(this, EventArgs.Empty);
}

// Adapts an event to a future: the handler flags completion and forgets to wake.
public sealed class DownloadFuture : IFuture<Unit>
{
    private readonly AtomicWaker _waiter = new();
    private volatile bool _completed;

    public DownloadFuture(Download download) => download.Completed += OnCompleted;

    private void OnCompleted(object? sender, EventArgs e)
    {
        _completed = true; // expect: WAKE006
    }

    public Poll<Unit> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return _completed ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
