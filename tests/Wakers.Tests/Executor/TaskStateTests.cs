using System;
using System.Threading;
using Wakers.Scheduling;
using Xunit;

namespace Wakers.Tests.Executors;

/// <summary>The task state word, driven by hand: a test scheduler counts how often the task is queued.</summary>
public class TaskStateTests
{
    [Fact]
    public void StartQueuesOnce()
    {
        var task = new CountingTask(new ManualFuture<int>());
        task.Start();
        Assert.Equal(1, task.Schedules);
    }

    [Fact]
    public void WakesWhileScheduledCoalesce()
    {
        var future = new ManualFuture<int>();
        var task = new CountingTask(future);
        task.Start();
        Assert.True(task.Run());
        Assert.Equal(1, future.Polls);

        for (var i = 0; i < 1000; i++) task.Wake();
        Assert.Equal(2, task.Schedules);
        // A wake from outside the task is not the task yielding: it may run ahead of older work.
        Assert.Equal(0, task.YieldingSchedules);

        Assert.True(task.Run());
        Assert.Equal(2, future.Polls);
    }

    [Fact]
    public void WakesFromManyThreadsWhileIdleQueueOnce()
    {
        var future = new ManualFuture<int>();
        var task = new CountingTask(future);
        task.Start();
        task.Run();
        using var start = new Barrier(4);
        var threads = new Thread[4];
        for (var t = 0; t < threads.Length; t++)
        {
            threads[t] = new Thread(() =>
            {
                start.SignalAndWait();
                for (var i = 0; i < 10_000; i++) task.Wake();
            });
            threads[t].Start();
        }
        foreach (var thread in threads) thread.Join();
        Assert.Equal(2, task.Schedules);
    }

    [Fact]
    public void WakeDuringPollRequeuesOnceAfterThePoll()
    {
        var task = new CountingTask(new SelfWakingFuture(wakesPerPoll: 100));
        task.Start();
        Assert.True(task.Run());
        // Woken 100 times during its poll: queued once more, after the poll, behind the work already waiting.
        Assert.Equal(2, task.Schedules);
        Assert.Equal(1, task.YieldingSchedules);
        Assert.False(task.IsCompleted);
    }

    [Fact]
    public void WakeAfterCompletionIsIgnored()
    {
        var future = new ManualFuture<int>();
        var task = new CountingTask(future);
        task.Start();
        future.Complete(7);
        Assert.True(task.Run());
        Assert.True(task.IsCompleted);
        task.Wake();
        Assert.Equal(1, task.Schedules);
        Assert.False(task.Run());
        Assert.Equal(1, future.Polls);
        Assert.Equal(7, task.GetResult(out var error));
        Assert.Null(error);
    }

    [Fact]
    public void AbortDropsTheFutureOnTheNextRun()
    {
        var future = new DisposableNeverFuture();
        var task = new CountingTask(future);
        task.Start();
        task.Run();
        task.Abort();
        Assert.Equal(2, task.Schedules);
        Assert.True(task.Run());
        Assert.True(task.IsCompleted);
        Assert.True(future.IsDisposed);
        task.GetResult(out var error);
        Assert.IsType<OperationCanceledException>(error!.SourceException);
    }

    [Fact]
    public void AbortDuringAPendingPollDropsTheFutureOnTheRequeuedRun()
    {
        var future = new AbortingFuture(readyAfterAbort: false);
        var task = new CountingTask(future);
        future.Task = task;
        task.Start();
        Assert.True(task.Run());
        Assert.False(task.IsCompleted);
        Assert.Equal(2, task.Schedules);
        Assert.True(task.Run());
        Assert.True(task.IsCompleted);
        Assert.Equal(1, future.Polls);
        task.GetResult(out var error);
        Assert.IsType<OperationCanceledException>(error!.SourceException);
    }

    [Fact]
    public void AbortDuringAReadyPollKeepsTheResult()
    {
        var future = new AbortingFuture(readyAfterAbort: true);
        var task = new CountingTask(future);
        future.Task = task;
        task.Start();
        Assert.True(task.Run());
        Assert.True(task.IsCompleted);
        Assert.Equal(1, task.Schedules);
        Assert.Equal(5, task.GetResult(out var error));
        Assert.Null(error);
    }

    [Fact]
    public void AbortNowCompletesAnIdleTask()
    {
        var future = new DisposableNeverFuture();
        var task = new CountingTask(future);
        task.Start();
        task.Run();
        Assert.True(task.AbortNow());
        Assert.True(task.IsCompleted);
        Assert.True(future.IsDisposed);
        Assert.False(task.AbortNow());
    }

    [Fact]
    public void TaskWakerWillWakeOnlyItself()
    {
        var a = new CountingTask(new ManualFuture<int>());
        var b = new CountingTask(new ManualFuture<int>());
        Assert.True(a.WillWake(a));
        Assert.False(a.WillWake(b));
    }

    [Fact]
    public void ExceptionFromPollCompletesTheTaskWithIt()
    {
        var error = new InvalidOperationException("boom");
        var task = new CountingTask(new ThrowingFuture<int>(error));
        task.Start();
        Assert.True(task.Run());
        Assert.True(task.IsCompleted);
        task.GetResult(out var stored);
        Assert.Same(error, stored!.SourceException);
    }

    private sealed class CountingTask : TaskCore<int>
    {
        private int _schedules;
        private int _yieldingSchedules;

        public CountingTask(IFuture<int> future)
            : base(future)
        {
        }

        public int Schedules => Volatile.Read(ref _schedules);

        public int YieldingSchedules => Volatile.Read(ref _yieldingSchedules);

        protected override void Schedule(bool yielding)
        {
            Interlocked.Increment(ref _schedules);
            if (yielding) Interlocked.Increment(ref _yieldingSchedules);
        }
    }

    // Aborts its own task from inside its poll, as another thread could while the poll runs.
    private sealed class AbortingFuture : IFuture<int>
    {
        private readonly bool _readyAfterAbort;

        public AbortingFuture(bool readyAfterAbort) => _readyAfterAbort = readyAfterAbort;

        public CountingTask? Task { get; set; }

        public int Polls { get; private set; }

        public Poll<int> Poll(Context cx)
        {
            Polls++;
            Task!.Abort();
            if (_readyAfterAbort) return Poll<int>.Ready(5);
            // Pending with a registration: the task's own waker, stored for a later wake.
            Stored = cx.Waker;
            return Poll<int>.Pending;
        }

        public Waker? Stored { get; private set; }
    }

    private sealed class SelfWakingFuture : IFuture<int>
    {
        private readonly int _wakesPerPoll;

        public SelfWakingFuture(int wakesPerPoll) => _wakesPerPoll = wakesPerPoll;

        public Poll<int> Poll(Context cx)
        {
            cx.Waker.Wake();
            for (var i = 1; i < _wakesPerPoll; i++) cx.Waker.Wake();
            return Poll<int>.Pending;
        }
    }
}
