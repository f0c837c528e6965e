using System.Threading;
using Wakers;

namespace Heldout.CancellationRegisterOk;

// Waits for a cancellation token: registers a callback that wakes the task on the very token it checked.
public sealed class Cancelled : IFuture<Unit>
{
    private readonly CancellationToken _token;
    private CancellationTokenRegistration _registration;

    public Cancelled(CancellationToken token) => _token = token;

    public Poll<Unit> Poll(Context cx)
    {
        if (_token.IsCancellationRequested) return Poll<Unit>.Ready(Unit.Value);
        var w = cx.Waker;
        _registration.Dispose();
        _registration = _token.Register(() => w.Wake());
        return Poll<Unit>.Pending;
    }
}
