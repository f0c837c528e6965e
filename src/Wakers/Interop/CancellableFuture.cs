using System;
using System.Threading;
using Wakers.Scheduling;

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
    private bool _disposed;

    public CancellableFuture(IFuture<T> inner, CancellationToken token)
    {
        _inner = inner;
        _token = token;
    }

    public Poll<T> Poll(Context cx)
    {
        if (_disposed) throw new ObjectDisposedException(nameof(CancellableFuture<T>), "The cancellable future was disposed; it cannot be polled again.");
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
            // The callback runs on the cancelling thread (inside CancellationTokenSource.Cancel): a waker's exception is reported, not thrown there.
            _hooked = true;
            _registration = _token.UnsafeRegister(static state => ((AtomicWaker)state!).Take().WakeIsolated(), _waker);
        }
        // A cancellation between the first check and the registration woke no one: check again.
        if (_token.IsCancellationRequested) return Cancel();
        return Poll<T>.Pending;
    }

    /// <summary>Stops listening to the token; the inner future is disposed when it is disposable.</summary>
    public void Dispose()
    {
        _disposed = true;
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
