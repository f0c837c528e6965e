using System;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Tests.Executors;
using Xunit;

namespace Wakers.Tests.Interop;

public class AsFutureTests
{
    [Fact]
    public void NullTaskThrows()
    {
        Assert.Throws<ArgumentNullException>(() => Future.AsFuture<int>(null!));
        Assert.Throws<ArgumentNullException>(() => Future.AsFuture((Task)null!));
    }

    [Fact]
    public void CompletedTaskIsReadyAtOnce()
    {
        var future = Task.FromResult(4).AsFuture();
        Assert.Equal(Poll<int>.Ready(4), future.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void PollAfterReadyThrows()
    {
        var future = Task.FromResult(4).AsFuture();
        future.Poll(new Context(Waker.Noop));
        Assert.Throws<InvalidOperationException>(() => future.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void PendingTaskRegistersTheWakerAndCompletionWakesIt()
    {
        var source = new TaskCompletionSource<int>();
        var future = source.Task.AsFuture();
        var waker = new CountingWaker();
        Assert.True(future.Poll(new Context(waker)).IsPending);
        Assert.Equal(0, waker.Wakes);
        source.SetResult(8);
        waker.WaitForWakes(1);
        Assert.Equal(Poll<int>.Ready(8), future.Poll(new Context(waker)));
    }

    [Fact]
    public void ALaterPollsWakerReplacesTheEarlierOne()
    {
        var source = new TaskCompletionSource<int>();
        var future = source.Task.AsFuture();
        var first = new CountingWaker();
        var second = new CountingWaker();
        Assert.True(future.Poll(new Context(first)).IsPending);
        Assert.True(future.Poll(new Context(second)).IsPending);
        source.SetResult(1);
        second.WaitForWakes(1);
        Assert.Equal(0, first.Wakes);
    }

    [Fact]
    public void FaultedTaskRethrowsItsException()
    {
        var error = new FormatException("bad");
        var future = Task.FromException<int>(error).AsFuture();
        Assert.Same(error, Assert.Throws<FormatException>(() => future.Poll(new Context(Waker.Noop))));
    }

    [Fact]
    public void CancelledTaskThrowsOperationCanceled()
    {
        var future = Task.FromCanceled<int>(new CancellationToken(canceled: true)).AsFuture();
        Assert.ThrowsAny<OperationCanceledException>(() => future.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void TaskWithoutResultGivesUnit()
    {
        var source = new TaskCompletionSource();
        var future = ((Task)source.Task).AsFuture();
        var waker = new CountingWaker();
        Assert.True(future.Poll(new Context(waker)).IsPending);
        source.SetResult();
        waker.WaitForWakes(1);
        Assert.Equal(Poll<Unit>.Ready(Unit.Value), future.Poll(new Context(waker)));
    }

    [Fact]
    public void BlockOnATaskFromAnotherThread()
    {
        var delayed = Task.Run(async () =>
        {
            await Task.Yield();
            return 13;
        });
        Assert.Equal(13, HangGuard.Run(() => Executor.BlockOn(delayed.AsFuture()), "BlockOn(task.AsFuture())"));
    }

    [Fact]
    public void SpawnedTaskAwaitsATask()
    {
        var source = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var handle = Executor.Spawn(source.Task.AsFuture());
        source.SetResult(17);
        Assert.Equal(17, HangGuard.Run(() => Executor.BlockOn(handle), "spawned task awaiting a Task"));
    }

    [Fact]
    public void SynchronouslyCompletedValueTaskIsReady()
    {
        var future = new ValueTask<int>(5).AsFuture();
        Assert.Equal(Poll<int>.Ready(5), future.Poll(new Context(Waker.Noop)));
        Assert.Throws<InvalidOperationException>(() => future.Poll(new Context(Waker.Noop)));

        var unit = default(ValueTask).AsFuture();
        Assert.Equal(Poll<Unit>.Ready(Unit.Value), unit.Poll(new Context(Waker.Noop)));
    }

    [Fact]
    public void PendingValueTaskWakesOnCompletion()
    {
        var source = new TaskCompletionSource<int>();
        var future = new ValueTask<int>(source.Task).AsFuture();
        var waker = new CountingWaker();
        Assert.True(future.Poll(new Context(waker)).IsPending);
        source.SetResult(6);
        waker.WaitForWakes(1);
        Assert.Equal(Poll<int>.Ready(6), future.Poll(new Context(waker)));
    }

    [Fact]
    public void FaultedValueTaskRethrows()
    {
        var error = new InvalidOperationException("vt");
        var future = new ValueTask(Task.FromException(error)).AsFuture();
        Assert.Same(error, Assert.Throws<InvalidOperationException>(() => future.Poll(new Context(Waker.Noop))));
    }

    [Fact]
    public void DefaultContextStillPollsAReadyTask()
    {
        // default(Context) has no waker: its Waker is the no-op one.
        Assert.Equal(Poll<int>.Ready(1), Task.FromResult(1).AsFuture().Poll(default));
    }
}
