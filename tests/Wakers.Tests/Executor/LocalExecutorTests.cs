using System;
using System.Threading;
using Xunit;

namespace Wakers.Tests.Executors;

public class LocalExecutorTests
{
    [Fact]
    public void SpawnedFuturesRunOnlyWhenTheExecutorRuns()
    {
        using var executor = new LocalExecutor();
        var future = new ManualFuture<int>();
        var handle = executor.Spawn(future);
        Assert.Equal(0, future.Polls);
        Assert.Equal(1, executor.TaskCount);

        Assert.Equal(1, executor.RunUntilStalled());
        Assert.Equal(1, future.Polls);
        Assert.Equal(0, executor.RunUntilStalled());

        future.Complete(6);
        Assert.Equal(1, executor.RunUntilStalled());
        Assert.True(handle.IsCompleted);
        Assert.Equal(0, executor.TaskCount);
        Assert.Equal(Poll<int>.Ready(6), handle.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void PollsHappenOnTheRunningThread()
    {
        using var executor = new LocalExecutor();
        var future = new ThreadRecordingFuture();
        executor.Spawn(future);
        executor.RunUntilStalled();
        Assert.Equal(Environment.CurrentManagedThreadId, future.PolledOn);
    }

    [Fact]
    public void WakesFromOtherThreadsQueueTheTaskOnce()
    {
        using var executor = new LocalExecutor();
        var future = new ManualFuture<int>();
        executor.Spawn(future);
        executor.RunUntilStalled();
        var waker = future.Waker!;
        var threads = new Thread[4];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                for (var i = 0; i < 10_000; i++) waker.Wake();
            });
            threads[t].Start();
        }
        foreach (var thread in threads) thread.Join();
        // 40 000 wakes while queued: one poll.
        Assert.Equal(1, executor.RunUntilStalled());
        Assert.Equal(2, future.Polls);
    }

    [Fact]
    public void WakeFromAnotherThreadIsRunByTheNextRun()
    {
        using var executor = new LocalExecutor();
        var signal = new SignalFuture();
        var handle = executor.Spawn(signal);
        executor.RunUntilStalled();
        var setter = new Thread(signal.Set);
        setter.Start();
        setter.Join();
        Assert.Equal(1, executor.RunUntilStalled());
        Assert.True(handle.IsCompleted);
    }

    [Fact]
    public void RunReadyPollsEachRunnableTaskOnce()
    {
        using var executor = new LocalExecutor();
        var a = new YieldingFuture(pollsUntilReady: 3);
        var b = new YieldingFuture(pollsUntilReady: 3);
        executor.Spawn(a);
        executor.Spawn(b);
        Assert.Equal(2, executor.RunReady());
        Assert.Equal(1, a.Polls);
        Assert.Equal(2, executor.RunReady());
        Assert.Equal(2, executor.RunReady());
        Assert.Equal(0, executor.TaskCount);
        Assert.Equal(0, executor.RunReady());
    }

    [Fact]
    public void RunUntilStalledRunsSelfWakingTasksToTheEnd()
    {
        using var executor = new LocalExecutor();
        var future = new YieldingFuture(pollsUntilReady: 10);
        executor.Spawn(future);
        Assert.Equal(10, executor.RunUntilStalled());
        Assert.Equal(0, executor.TaskCount);
    }

    [Fact]
    public void RunUntilParksAndWakesFromAnotherThread()
    {
        using var executor = new LocalExecutor();
        var spawned = new SignalFuture();
        var main = new SignalFuture();
        var spawnedHandle = executor.Spawn(spawned);
        var setter = new Thread(() =>
        {
            while (spawned.Polls == 0 || main.Polls == 0) Thread.Yield();
            spawned.Set();
            main.Set();
        });
        setter.Start();
        HangGuard.Run(() => executor.RunUntil(main), "RunUntil waiting for another thread");
        setter.Join();
        Assert.True(main.IsSet);
        // The spawned task was woken before the main future; RunUntil may return before running it.
        executor.RunUntilStalled();
        Assert.True(spawnedHandle.IsCompleted);
    }

    [Fact]
    public void RunUntilCanAwaitASpawnedTask()
    {
        using var executor = new LocalExecutor();
        var handle = executor.Spawn(new YieldingFuture(pollsUntilReady: 4));
        Assert.Equal(4, HangGuard.Run(() => executor.RunUntil(handle), "RunUntil(handle)"));
    }

    [Fact]
    public void RunReturnsWhenEveryTaskCompleted()
    {
        using var executor = new LocalExecutor();
        var signals = new SignalFuture[8];
        for (var i = 0; i < signals.Length; i++) executor.Spawn(signals[i] = new SignalFuture());
        var setter = new Thread(() =>
        {
            foreach (var signal in signals)
            {
                while (signal.Polls == 0) Thread.Yield();
                signal.Set();
            }
        });
        setter.Start();
        HangGuard.Run(() =>
        {
            executor.Run();
            return 0;
        }, "LocalExecutor.Run");
        setter.Join();
        Assert.Equal(0, executor.TaskCount);
    }

    [Fact]
    public void ExceptionInOneTaskLeavesTheOthersRunning()
    {
        using var executor = new LocalExecutor();
        var failing = executor.Spawn(new ThrowingFuture<int>(new InvalidOperationException("boom")));
        var fine = executor.Spawn(new ReadyFuture<int>(1));
        executor.RunUntilStalled();
        Assert.Throws<InvalidOperationException>(() => failing.Poll(new Context(Waker.Noop)));
        Assert.Equal(Poll<int>.Ready(1), fine.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void RunningFromInsideAPollThrows()
    {
        using var executor = new LocalExecutor();
        var handle = executor.Spawn(new ReentrantFuture(executor));
        executor.RunUntilStalled();
        Assert.Throws<InvalidOperationException>(() => handle.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void RunningFromTwoThreadsAtOnceThrows()
    {
        using var executor = new LocalExecutor();
        using var inPoll = new ManualResetEventSlim();
        using var release = new ManualResetEventSlim();
        executor.Spawn(new HoldingFuture(inPoll, release));
        var runner = new Thread(() => executor.RunUntilStalled());
        runner.Start();
        Assert.True(inPoll.Wait(HangGuard.Timeout), "hung: the first run never polled");
        Assert.Throws<InvalidOperationException>(() => executor.RunUntilStalled());
        Assert.Throws<InvalidOperationException>(() => executor.Dispose());
        release.Set();
        Assert.True(runner.Join(HangGuard.Timeout), "hung: the first run never returned");
        Assert.Equal(0, executor.TaskCount);
    }

    [Fact]
    public void DisposeAbortsPendingTasks()
    {
        var executor = new LocalExecutor();
        var future = new DisposableNeverFuture();
        var handle = executor.Spawn(future);
        var queued = executor.Spawn(new ReadyFuture<int>(1));
        executor.Dispose();
        Assert.True(future.IsDisposed);
        Assert.Throws<OperationCanceledException>(() => handle.Poll(new Context(Waker.Noop)));
        Assert.Throws<OperationCanceledException>(() => queued.Poll(new Context(Waker.Noop)));
        executor.Dispose();
    }

    [Fact]
    public void UseAfterDisposeThrows()
    {
        var executor = new LocalExecutor();
        executor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => executor.Spawn(new ReadyFuture<int>(1)));
        Assert.Throws<ObjectDisposedException>(() => executor.RunUntilStalled());
        Assert.Throws<ObjectDisposedException>(() => executor.RunReady());
        Assert.Throws<ObjectDisposedException>(() => executor.Run());
        Assert.Throws<ObjectDisposedException>(() => executor.RunUntil(new ReadyFuture<int>(1)));
    }

    [Fact]
    public void NullArgumentsThrow()
    {
        using var executor = new LocalExecutor();
        Assert.Throws<ArgumentNullException>(() => executor.Spawn<int>(null!));
        Assert.Throws<ArgumentNullException>(() => executor.RunUntil<int>(null!));
    }

    [Fact]
    public void LocalTaskCanBeAwaitedFromTheThreadPool()
    {
        using var executor = new LocalExecutor();
        var local = executor.Spawn(new YieldingFuture(pollsUntilReady: 2));
        var remote = Executor.Spawn(local);
        executor.RunUntilStalled();
        Assert.Equal(2, HangGuard.Run(() => Executor.BlockOn(remote), "pool task awaiting a local task"));
    }

    private sealed class ThreadRecordingFuture : IFuture<int>
    {
        public int PolledOn { get; private set; }

        public Poll<int> Poll(Context cx)
        {
            PolledOn = Environment.CurrentManagedThreadId;
            return Poll<int>.Ready(PolledOn);
        }
    }

    // Holds its poll until released, so a run stays in progress (a test device: blocking in a poll is otherwise wrong).
    private sealed class HoldingFuture : IFuture<int>
    {
        private readonly ManualResetEventSlim _inPoll;
        private readonly ManualResetEventSlim _release;

        public HoldingFuture(ManualResetEventSlim inPoll, ManualResetEventSlim release)
        {
            _inPoll = inPoll;
            _release = release;
        }

        public Poll<int> Poll(Context cx)
        {
            _inPoll.Set();
#pragma warning disable WAKE007 // deliberate: keeps a run in progress
            _release.Wait(HangGuard.Timeout);
#pragma warning restore WAKE007
            return Poll<int>.Ready(1);
        }
    }

    private sealed class ReentrantFuture : IFuture<int>
    {
        private readonly LocalExecutor _executor;

        public ReentrantFuture(LocalExecutor executor) => _executor = executor;

        public Poll<int> Poll(Context cx) => Poll<int>.Ready(_executor.RunUntilStalled());
    }
}
