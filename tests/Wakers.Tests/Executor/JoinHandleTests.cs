using System;
using System.Threading;
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

    [Fact]
    public void PollsRacingForACompletedTaskGiveTheResultExactlyOnce()
    {
        var doubleTakes = RaceForTheResult(convert: false);
        Assert.Equal(0, doubleTakes);
    }

    [Fact]
    public void APollRacingAConversionLeavesTheResultToOneOfThem()
    {
        var doubleTakes = RaceForTheResult(convert: true);
        Assert.Equal(0, doubleTakes);
    }

    // Two threads, released together by a spinning start, take a completed handle's result (the second by AsTask
    // when convert is set); returns how many rounds both got it.
    private static int RaceForTheResult(bool convert)
    {
        var doubleTakes = 0;
        for (var round = 0; round < 2000; round++)
        {
            using var executor = new LocalExecutor();
            var handle = executor.Spawn(new ReadyFuture<int>(round));
            executor.RunUntilStalled();
            var go = 0;
            var ready = 0;
            var got = 0;
            void Race(bool byTask)
            {
                Interlocked.Increment(ref ready);
                while (Volatile.Read(ref go) == 0) Thread.SpinWait(1);
                try
                {
                    if (byTask ? handle.AsTask().Result == round : handle.Poll(new Context(Waker.Noop)).IsReady) Interlocked.Increment(ref got);
                }
                catch (InvalidOperationException)
                {
                }
            }
            var other = new Thread(() => Race(convert));
            other.Start();
            while (Volatile.Read(ref ready) == 0) Thread.SpinWait(1);
            Interlocked.Increment(ref ready);
            Volatile.Write(ref go, 1);
            Race(false);
            other.Join();
            if (got > 1) doubleTakes++;
            Assert.True(got >= 1, $"round {round}: nobody got the result");
        }
        return doubleTakes;
    }
}
