using System;
using System.Threading;

namespace Wakers.Interop;

/// <summary>
/// A future that completes like its inner future, or throws <see cref="OperationCanceledException"/> once its token
/// is cancelled (the inner future is then disposed when it is <see cref="IDisposable"/>, and no longer polled).
/// </summary>
internal sealed class CancellableFuture<T> : IFuture<T>, IDisposable
{
    private readonly IFuture<T> _inner;
    private readonly CancellationToken _token;
    private readonly AtomicWaker _waker = new();
    private CancellationTokenRegistration _registration;
    private bool _hooked;
    private bool _done;

    public CancellableFuture(IFuture<T> inner, CancellationToken token)
    {
        _inner = inner;
        _token = token;
    }

    public Poll<T> Poll(Context cx)
    {
        if (_done) throw new InvalidOperationException("The cancellable future was polled after it completed.");
        if (_token.IsCancellationRequested) return Cancel();

        Poll<T> inner;
        try
        {
            inner = _inner.Poll(cx);
        }
        catch
        {
            Finish();
            throw;
        }
        if (inner.IsReady)
        {
            Finish();
            return inner;
        }

        _waker.Register(cx.Waker);
        if (!_hooked)
        {
            _hooked = true;
            _registration = _token.UnsafeRegister(static state => ((AtomicWaker)state!).Wake(), _waker);
        }
        // A cancellation between the first check and the registration woke no one: check again.
        if (_token.IsCancellationRequested) return Cancel();
        return Poll<T>.Pending;
    }

    /// <summary>Stops listening to the token; the inner future is disposed when it is disposable.</summary>
    public void Dispose()
    {
        if (_done) return;
        Finish();
        (_inner as IDisposable)?.Dispose();
    }

    private Poll<T> Cancel()
    {
        Finish();
        (_inner as IDisposable)?.Dispose();
        throw new OperationCanceledException(_token);
    }

    private void Finish()
    {
        _done = true;
        // Unregister, unlike Dispose, never waits for a callback running on another thread: a poll must not block.
        _registration.Unregister();
    }
}
