using System;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Tests.Executors;
using Xunit;

namespace Wakers.Tests.Interop;

public class AsTaskTests
{
    [Fact]
    public void NullFutureThrows()
    {
        Assert.Throws<ArgumentNullException>(() => Future.AsTask<int>(null!).Id);
        Assert.Throws<ArgumentNullException>(() => Future.AsTask<int>(null!, CancellationToken.None).Id);
    }

    [Fact]
    public async Task CompletesWhenTheFutureDoes()
    {
        var future = new ManualFuture<int>();
        var task = future.AsTask();
        Assert.False(task.IsCompleted);
        await WaitUntil(() => future.Waker is not null);
        future.Complete(11);
        Assert.Equal(11, await WithHangGuard(task));
    }

    [Fact]
    public async Task ExceptionFaultsTheTask()
    {
        var error = new InvalidOperationException("boom");
        var task = new ThrowingFuture<int>(error).AsTask();
        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => WithHangGuard(task));
        Assert.Same(error, thrown);
        Assert.True(task.IsFaulted);
    }

    [Fact]
    public async Task OperationCanceledExceptionCancelsTheTask()
    {
        var task = new ThrowingFuture<int>(new OperationCanceledException()).AsTask();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WithHangGuard(task));
        Assert.True(task.IsCanceled);
    }

    [Fact]
    public async Task CancellingTheTokenCancelsTheTaskAndDropsTheFuture()
    {
        using var cts = new CancellationTokenSource();
        var future = new DisposableNeverFuture();
        var task = future.AsTask(cts.Token);
        Assert.False(task.IsCompleted);
        cts.Cancel();
        var thrown = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => WithHangGuard(task));
        Assert.Equal(cts.Token, thrown.CancellationToken);
        Assert.True(task.IsCanceled);
        // The spawned task is aborted on its next run; the future is disposed then.
        await WaitUntil(() => future.IsDisposed);
    }

    [Fact]
    public async Task AlreadyCancelledTokenGivesACancelledTask()
    {
        var task = new ReadyFuture<int>(1).AsTask(new CancellationToken(canceled: true));
        Assert.True(task.IsCanceled);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => task);
    }

    [Fact]
    public async Task TokenNotCancelledLetsTheValueThrough()
    {
        using var cts = new CancellationTokenSource();
        Assert.Equal(3, await WithHangGuard(new ReadyFuture<int>(3).AsTask(cts.Token)));
    }

    [Fact]
    public async Task JoinHandleIsNotSpawnedAgain()
    {
        var handle = Executor.Spawn(new ReadyFuture<int>(5));
        var task = handle.AsTask();
        Assert.Same(task, ((IFuture<int>)handle).AsTask());
        Assert.Equal(5, await WithHangGuard(task));
    }

    [Fact]
    public async Task RoundTripThroughAFuture()
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var task = source.Task.AsFuture().AsTask();
        source.SetResult(21);
        Assert.Equal(21, await WithHangGuard(task));
    }

    internal static async Task<T> WithHangGuard<T>(Task<T> task)
    {
        var first = await Task.WhenAny(task, Task.Delay(HangGuard.Timeout));
        Assert.True(first == task, "hung: the task never completed");
        return await task;
    }

    internal static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + HangGuard.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "hung: the condition never became true");
            await Task.Delay(1);
        }
    }
}
