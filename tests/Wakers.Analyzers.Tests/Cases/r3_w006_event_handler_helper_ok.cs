using System;
using System.Threading;
using Wakers;

namespace Heldout3.EventHelperOk;

public sealed class Download
{
    public event EventHandler? Completed;
    public void Raise() => Completed?.Invoke(this, EventArgs.Empty);
}

// The event handler flags completion and wakes through a helper that takes the stored waker.
public sealed class DownloadFuture : IFuture<Unit>
{
    private volatile bool _completed;
    private Waker? _waiter;

    public DownloadFuture(Download download) => download.Completed += OnCompleted;

    private void OnCompleted(object? sender, EventArgs e)
    {
        _completed = true;
        WakeWaiter();
    }

    private void WakeWaiter() => Interlocked.Exchange(ref _waiter, null)?.Wake();

    public Poll<Unit> Poll(Context cx)
    {
        Volatile.Write(ref _waiter, cx.Waker);
        return _completed ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
    }
}
