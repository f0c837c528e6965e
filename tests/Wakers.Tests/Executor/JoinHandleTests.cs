using System;
using System.Threading.Tasks;
using Xunit;

namespace Wakers.Tests.Executors;

public class JoinHandleTests
{
    [Fact]
    public void PollAfterReadyThrows()
    {
        using var executor = new LocalExecutor();
        var handle = executor.Spawn(new ReadyFuture<int>(3));
        executor.RunUntilStalled();
        Assert.Equal(Poll<int>.Ready(3), handle.Poll(new Context(Waker.Noop)));
        Assert.Throws<InvalidOperationException>(() => handle.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void PendingPollRegistersTheWakerAndCompletionWakesIt()
    {
        using var executor = new LocalExecutor();
        var future = new ManualFuture<int>();
        var handle = executor.Spawn(future);
        executor.RunUntilStalled();
        var waker = new CountingWaker();
        Assert.True(handle.Poll(new Context(waker)).IsPending);
        Assert.False(handle.IsCompleted);

        future.Complete(9);
        executor.RunUntilStalled();
        Assert.True(handle.IsCompleted);
        Assert.Equal(1, waker.Wakes);
        Assert.Equal(Poll<int>.Ready(9), handle.Poll(new Context(waker)));
    }

    [Fact]
    public void ALaterPollsWakerReplacesTheEarlierOne()
    {
        using var executor = new LocalExecutor();
        var future = new ManualFuture<int>();
        var handle = executor.Spawn(future);
        executor.RunUntilStalled();
        var first = new CountingWaker();
        var second = new CountingWaker();
        Assert.True(handle.Poll(new Context(first)).IsPending);
        Assert.True(handle.Poll(new Context(second)).IsPending);

        future.Complete(1);
        executor.RunUntilStalled();
        Assert.Equal(0, first.Wakes);
        Assert.Equal(1, second.Wakes);
    }

    [Fact]
    public void FaultedTaskRethrowsOnEveryWayOfWaiting()
    {
        var error = new FormatException("bad");
        var handle = Executor.Spawn(new ThrowingFuture<int>(error));
        var thrown = Assert.Throws<FormatException>(() => HangGuard.Run(() => Executor.BlockOn(handle), "faulted"));
        Assert.Same(error, thrown);
        Assert.Throws<InvalidOperationException>(() => handle.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void AbortDropsThePendingFutureAndTheHandleThrowsCancelled()
    {
        var future = new DisposableNeverFuture();
        var handle = Executor.Spawn(future);
        handle.Abort();
        Assert.Throws<OperationCanceledException>(() => HangGuard.Run(() => Executor.BlockOn(handle), "aborted"));
        Assert.True(future.IsDisposed);
        Assert.True(handle.IsCompleted);
    }

    [Fact]
    public void AbortAfterCompletionKeepsTheResult()
    {
        using var executor = new LocalExecutor();
        var handle = executor.Spawn(new ReadyFuture<int>(4));
        executor.RunUntilStalled();
        handle.Abort();
        executor.RunUntilStalled();
        Assert.Equal(Poll<int>.Ready(4), handle.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public async Task HandleCanBeAwaited()
    {
        var signal = new SignalFuture();
        var handle = Executor.Spawn(signal);
        signal.Set();
        var completed = await Task.WhenAny(handle.AsTask(), Task.Delay(HangGuard.Timeout));
        Assert.True(completed == handle.AsTask(), "hung: the awaited handle never completed");
        Assert.Equal(Unit.Value, await handle);
    }

    [Fact]
    public async Task AsTaskReturnsOneTaskAndTakesOverTheHandle()
    {
        var handle = Executor.Spawn(new ReadyFuture<int>(8));
        var task = handle.AsTask();
        Assert.Same(task, handle.AsTask());
        HangGuard.Wait(task, "AsTask of a handle");
        Assert.Equal(8, await task);
        Assert.Throws<InvalidOperationException>(() => handle.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void AsTaskAfterTheResultWasTakenThrows()
    {
        using var executor = new LocalExecutor();
        var handle = executor.Spawn(new ReadyFuture<int>(2));
        executor.RunUntilStalled();
        handle.Poll(new Context(Waker.Noop));
        Assert.Throws<InvalidOperationException>(() => handle.AsTask().Id);
    }
}
