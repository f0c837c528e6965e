using System;
using System.Threading;
using Wakers.Tests.Executors;
using Xunit;

namespace Wakers.Tests.Interop;

public class WithCancellationTests
{
    [Fact]
    public void NullFutureThrows() =>
        Assert.Throws<ArgumentNullException>(() => Future.WithCancellation<int>(null!, CancellationToken.None));

    [Fact]
    public void CompletesWithTheInnerValue()
    {
        using var cts = new CancellationTokenSource();
        var inner = new ManualFuture<int>();
        var future = inner.WithCancellation(cts.Token);
        var waker = new CountingWaker();
        Assert.True(future.Poll(new Context(waker)).IsPending);
        inner.Complete(2);
        Assert.Equal(1, waker.Wakes);
        Assert.Equal(Poll<int>.Ready(2), future.Poll(new Context(waker)));
        Assert.Throws<InvalidOperationException>(() => future.Poll(new Context(waker)));
    }

    [Fact]
    public void CancellationWakesAndThePollThrows()
    {
        using var cts = new CancellationTokenSource();
        var inner = new DisposableNeverFuture();
        var future = inner.WithCancellation(cts.Token);
        var waker = new CountingWaker();
        Assert.True(future.Poll(new Context(waker)).IsPending);
        cts.Cancel();
        Assert.Equal(1, waker.Wakes);
        var thrown = Assert.ThrowsAny<OperationCanceledException>(() => future.Poll(new Context(waker)));
        Assert.Equal(cts.Token, thrown.CancellationToken);
        Assert.True(inner.IsDisposed);
    }

    [Fact]
    public void AlreadyCancelledThrowsOnTheFirstPoll()
    {
        var inner = new ManualFuture<int>();
        var future = inner.WithCancellation(new CancellationToken(canceled: true));
        Assert.ThrowsAny<OperationCanceledException>(() => future.Poll(new Context(Waker.Noop)));
        Assert.Equal(0, inner.Polls);
    }

    [Fact]
    public void SpawnedCancellableTaskEndsWithOperationCanceled()
    {
        using var cts = new CancellationTokenSource();
        var handle = Executor.Spawn(new DisposableNeverFuture().WithCancellation(cts.Token));
        cts.CancelAfter(TimeSpan.FromMilliseconds(10));
        Assert.ThrowsAny<OperationCanceledException>(() => HangGuard.Run(() => Executor.BlockOn(handle), "cancelled spawned task"));
    }

    [Fact]
    public void DisposeStopsListeningToTheToken()
    {
        using var cts = new CancellationTokenSource();
        var inner = new DisposableNeverFuture();
        var future = inner.WithCancellation(cts.Token);
        var waker = new CountingWaker();
        Assert.True(future.Poll(new Context(waker)).IsPending);
        ((IDisposable)future).Dispose();
        Assert.True(inner.IsDisposed);
        cts.Cancel();
        Assert.Equal(0, waker.Wakes);
    }
}
