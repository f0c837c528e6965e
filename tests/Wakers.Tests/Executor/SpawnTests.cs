using System;
using System.Threading;
using Xunit;

namespace Wakers.Tests.Executors;

public class SpawnTests
{
    [Fact]
    public void NullFutureThrows() =>
        Assert.Throws<ArgumentNullException>(() => Executor.Spawn<int>(null!));

    [Fact]
    public void ReadyFutureCompletesItsHandle()
    {
        var handle = Executor.Spawn(new ReadyFuture<int>(5));
        Assert.Equal(5, HangGuard.Run(() => Executor.BlockOn(handle), "spawned ready future"));
        Assert.True(handle.IsCompleted);
    }

    [Fact]
    public void TaskWokenFromAnotherThreadCompletes()
    {
        var signal = new SignalFuture();
        var handle = Executor.Spawn(signal);
        var setter = new Thread(() =>
        {
            while (signal.Polls == 0) Thread.Yield();
            signal.Set();
        });
        setter.Start();
        HangGuard.Run(() => Executor.BlockOn(handle), "spawned task waiting for another thread");
        setter.Join();
        Assert.True(handle.IsCompleted);
    }

    [Fact]
    public void ExceptionCompletesTheHandleAndOtherTasksKeepRunning()
    {
        var error = new InvalidOperationException("boom");
        var failing = Executor.Spawn(new ThrowingFuture<int>(error));
        var thrown = Assert.Throws<InvalidOperationException>(
            () => HangGuard.Run(() => Executor.BlockOn(failing), "faulted task"));
        Assert.Same(error, thrown);
        Assert.Contains("ThrowFromPoll", thrown.StackTrace);

        // The pool threads survived: many more tasks still run to completion.
        var handles = new JoinHandle<int>[100];
        for (var i = 0; i < handles.Length; i++) handles[i] = Executor.Spawn(new ReadyFuture<int>(i));
        for (var i = 0; i < handles.Length; i++)
        {
            var handle = handles[i];
            Assert.Equal(i, HangGuard.Run(() => Executor.BlockOn(handle), "task spawned after a faulted one"));
        }
    }

    [Fact]
    public void WakeDuringPollCausesAnotherPoll()
    {
        var future = new BlockingFirstPollFuture();
        var handle = Executor.Spawn(future);
        Assert.True(future.InFirstPoll.Wait(HangGuard.Timeout), "hung: the first poll never started");
        var waker = future.FirstWaker!;
        for (var i = 0; i < 1000; i++) waker.Wake();
        future.Release.Set();
        HangGuard.Run(() => Executor.BlockOn(handle), "task woken during its poll");
        // 1000 wakes during the first poll: exactly one more poll.
        Assert.Equal(2, future.Polls);
    }

    [Fact]
    public void TaskWakerWillWakeItselfNotAnotherTask()
    {
        var first = new ManualFuture<int>();
        var second = new ManualFuture<int>();
        var a = Executor.Spawn(first);
        var b = Executor.Spawn(second);
        HangGuard.Run(() =>
        {
            while (first.Waker is null || second.Waker is null) Thread.Yield();
            return 0;
        }, "first polls");
        var wakerA = first.Waker!;
        Assert.True(wakerA.WillWake(wakerA));
        Assert.False(wakerA.WillWake(second.Waker!));
        first.Complete(1);
        second.Complete(2);
        Assert.Equal(1, HangGuard.Run(() => Executor.BlockOn(a), "a"));
        Assert.Equal(2, HangGuard.Run(() => Executor.BlockOn(b), "b"));
    }

    // Holds its first poll until released (a test device: blocking in a poll is otherwise wrong).
    private sealed class BlockingFirstPollFuture : IFuture<Unit>
    {
        private int _polls;

        public ManualResetEventSlim InFirstPoll { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public Waker? FirstWaker { get; private set; }

        public int Polls => Volatile.Read(ref _polls);

        public Poll<Unit> Poll(Context cx)
        {
            if (Interlocked.Increment(ref _polls) > 1) return Poll<Unit>.Ready(Unit.Value);
            FirstWaker = cx.Waker;
            InFirstPoll.Set();
#pragma warning disable WAKE007 // deliberate: holds the task in its Running state
            Release.Wait(HangGuard.Timeout);
#pragma warning restore WAKE007
            return Poll<Unit>.Pending;
        }
    }
}
