using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Wakers.Time;
using Xunit;

namespace Wakers.Tests.Robustness;

// Bad input other than null: out-of-range numbers, a completed future polled again, use after Dispose.
public class BadArgumentTests
{
    [Fact]
    public void NegativeDurationsAreRejectedNamingTheParameter()
    {
        Assert.Equal("duration", Assert.Throws<ArgumentOutOfRangeException>(() => Future.Sleep(TimeSpan.FromTicks(-1))).ParamName);
        Assert.Equal("duration", Assert.Throws<ArgumentOutOfRangeException>(() => Future.Sleep(TimeSpan.MinValue)).ParamName);
        Assert.Equal("duration", Assert.Throws<ArgumentOutOfRangeException>(() => Future.Ready(1).Timeout(TimeSpan.FromMilliseconds(-2))).ParamName);
        Assert.Equal("duration", Assert.Throws<ArgumentOutOfRangeException>(() => Future.Ready(1).TryTimeout(TimeSpan.MinValue)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => Future.Interval(TimeSpan.Zero)).ParamName);
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => Future.Interval(TimeSpan.MinValue)).ParamName);
    }

    [Fact]
    public void EveryPublicDurationParameterIsAmongTheRejectedOnes()
    {
        // The test above names each public method that takes a duration; a new one fails here until it is added there.
        var covered = new[] { "Future.Sleep(duration)", "Future.Timeout(duration)", "Future.TryTimeout(duration)", "Future.Interval(period)" };
        Assert.Equal(covered.OrderBy(n => n, StringComparer.Ordinal), PublicApi.Parameters(typeof(TimeSpan)).OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void TheLargestDurationsNeitherOverflowNorFireAndCanBeCancelled()
    {
        // A driver of its own, so other tests' timers do not blur the count.
        var driver = new TimerDriver("far timers");
        var sleep = new SleepFuture(driver, TimeSpan.MaxValue);
        var timeout = new TimeoutFuture<int>(driver, Future.Pending<int>(), TimeSpan.MaxValue);
        var interval = new Interval(driver, TimeSpan.MaxValue);
        var waker = new CountingWaker();
        Assert.True(waker.Poll(sleep).IsPending);
        Assert.True(waker.Poll(timeout).IsPending);
        Assert.True(waker.PollNext(interval).IsPending);
        Assert.Equal(3, driver.RegisteredCount);
        Assert.True(interval.NextDeadline > driver.NowTick + (long)TimeSpan.FromDays(365 * 100).TotalMilliseconds);
        // The public factories accept the same extremes.
        var shared = Future.Sleep(TimeSpan.MaxValue).WithCancellation(CancellationToken.None);
        Assert.True(waker.Poll(shared).IsPending);
        ((IDisposable)shared).Dispose();

        sleep.Dispose();
        timeout.Dispose();
        interval.Dispose();
        Assert.Equal(0, driver.RegisteredCount);
        Assert.Equal(0, waker.WakeCount);
    }

    [Fact]
    public void AnInfiniteTimeoutIsAllowedAndNeverFires()
    {
        var timeout = Future.Pending<int>().Timeout(Timeout.InfiniteTimeSpan);
        Assert.True(new CountingWaker().Poll(timeout).IsPending);
    }

    [Fact]
    public void CapacitiesAndPermitsBelowOneAreRejected()
    {
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => Channel.Bounded<int>(0)).ParamName);
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => Channel.Bounded<int>(int.MinValue)).ParamName);
        Assert.Equal("permits", Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncSemaphore(-1)).ParamName);
        var semaphore = new AsyncSemaphore(0);
        Assert.Equal("permits", Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Acquire(0)).ParamName);
        Assert.Equal("permits", Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Acquire(-5)).ParamName);
        Assert.Equal("permits", Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.TryAcquire(0, out _)).ParamName);
        Assert.Equal("permits", Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Release(0)).ParamName);
        Assert.Equal("permits", Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Release(-1)).ParamName);
        Assert.Equal(0, semaphore.AvailablePermits);
    }

    [Fact]
    public void AnOverflowingReleaseThrowsAndChangesNothing()
    {
        var semaphore = new AsyncSemaphore(int.MaxValue);
        Assert.Throws<InvalidOperationException>(() => semaphore.Release());
        Assert.Equal(int.MaxValue, semaphore.AvailablePermits);
        Assert.True(semaphore.TryAcquire(2, out var permit));
        permit!.Dispose();
        permit.Dispose();
        Assert.Equal(int.MaxValue, semaphore.AvailablePermits);
    }

    [Fact]
    public void APendingPollHasNoValue() =>
        Assert.Throws<InvalidOperationException>(() => Poll<int>.Pending.Value);

    [Fact]
    public void EveryCompletedFutureRefusesAnotherPoll()
    {
        var (sender, receiver) = Channel.Unbounded<int>();
        sender.TrySend(1);
        sender.TrySend(2);
        var notify = new Notify();
        notify.NotifyOne();
        var (oneshotSender, oneshotReceiver) = Oneshot.Create<int>();
        oneshotSender.Send(1);

        AssertCompletedPollThrows(Future.Ready(1), "Ready");
        AssertCompletedPollThrows(Future.Ready(1).Map(x => x + 1), "Map");
        AssertCompletedPollThrows(Future.Join(Future.Ready(1), Future.Ready(2)), "Join");
        AssertCompletedPollThrows(Future.JoinAll(new[] { Future.Ready(1) }), "JoinAll");
        AssertCompletedPollThrows(Future.Select(Future.Ready(1), Future.Ready(2)), "Select");
        AssertCompletedPollThrows(Future.FromPoll(_ => Poll<int>.Ready(1)), "FromPoll");
        AssertCompletedPollThrows(Future.YieldNow(), "YieldNow");
        AssertCompletedPollThrows(receiver.Next(), "Next");
        AssertCompletedPollThrows(Future.Ready(1).Timeout(TimeSpan.FromSeconds(30)), "Timeout");
        AssertCompletedPollThrows(Future.Ready(1).WithCancellation(CancellationToken.None), "WithCancellation");
        AssertCompletedPollThrows(Task.FromResult(1).AsFuture(), "AsFuture(Task<T>)");
        AssertCompletedPollThrows(Task.CompletedTask.AsFuture(), "AsFuture(Task)");
        AssertCompletedPollThrows(new ValueTask<int>(1).AsFuture(), "AsFuture(ValueTask<T>)");
        AssertCompletedPollThrows(receiver.Recv(), "Recv");
        AssertCompletedPollThrows(sender.Send(3), "Send");
        AssertCompletedPollThrows(notify.Notified(), "Notified");
        AssertCompletedPollThrows(new AsyncSemaphore(1).Acquire(), "Acquire");
        AssertCompletedPollThrows(oneshotReceiver, "oneshot receiver");
        AssertCompletedPollThrows(Executor.Spawn(Future.Ready(1)), "JoinHandle");
        // A sleep is the one documented exception (as tokio's): once elapsed, it stays Ready.
        var sleep = Future.Sleep(TimeSpan.FromMilliseconds(1));
        Guard.BlockOn(sleep, "Sleep");
        Assert.True(new CountingWaker().Poll(sleep).IsReady, "a completed sleep polled again is Ready again");
        AssertCompletedPollThrows(Future.Ready(1).TryTimeout(TimeSpan.FromSeconds(30)), "TryTimeout");
        AssertCompletedPollThrows(default(ValueTask).AsFuture(), "AsFuture(ValueTask)");
    }

    [Fact]
    public void EveryPublicFutureIsAmongThePolledAfterCompletion()
    {
        // The test above drives each future the public API makes to Ready and polls it again; a new one fails here until
        // it is added there. Pending<T>() never completes, and LocalExecutor.Spawn makes the same JoinHandle as Spawn.
        var covered = new[]
        {
            "Future.Ready", "Future.Map", "Future.Join", "Future.JoinAll", "Future.Select", "Future.FromPoll", "Future.YieldNow", "Future.Next",
            "Future.Timeout", "Future.TryTimeout", "Future.Sleep", "Future.WithCancellation", "Future.AsFuture", "Receiver`1.Recv", "Sender`1.Send",
            "Notify.Notified", "AsyncSemaphore.Acquire", "Oneshot.Create", "Executor.Spawn", "LocalExecutor.Spawn", "Future.Pending",
        };
        Assert.Equal(covered.OrderBy(n => n, StringComparer.Ordinal), PublicApi.FutureMakers().OrderBy(n => n, StringComparer.Ordinal));
    }

    [Fact]
    public void EveryDisposedFutureRefusesAPollAndDisposeIsIdempotent()
    {
        var (sender, receiver) = Channel.Bounded<int>(1);
        sender.TrySend(0);
        var notify = new Notify();
        var semaphore = new AsyncSemaphore(0);

        AssertDisposedPollThrows(Future.Sleep(TimeSpan.FromSeconds(30)), "Sleep");
        AssertDisposedPollThrows(Future.Pending<int>().Map(x => x), "Map");
        AssertDisposedPollThrows(Future.Join(Future.Pending<int>(), Future.Ready(2)), "Join");
        AssertDisposedPollThrows(Future.JoinAll(new[] { Future.Pending<int>() }), "JoinAll");
        AssertDisposedPollThrows(Future.Select(Future.Pending<int>(), Future.Pending<int>()), "Select");
        AssertDisposedPollThrows(Future.Pending<int>().Timeout(TimeSpan.FromSeconds(30)), "Timeout");
        AssertDisposedPollThrows(Future.Pending<int>().WithCancellation(new CancellationTokenSource().Token), "WithCancellation");
        AssertDisposedPollThrows(receiver.Recv(), "Recv (an item is buffered, so it would be Ready)");
        AssertDisposedPollThrows(sender.Send(1), "Send");
        AssertDisposedPollThrows(notify.Notified(), "Notified");
        AssertDisposedPollThrows(semaphore.Acquire(), "Acquire");
        // Nothing a disposed future held was leaked.
        Assert.Equal(0, semaphore.AvailablePermits);
        Assert.Equal(1, receiver.Count);
    }

    [Fact]
    public void DisposedEndsRejectUseAndDisposeIsIdempotent()
    {
        var (sender, receiver) = Channel.Unbounded<int>();
        var clone = sender.Clone();
        sender.Dispose();
        sender.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sender.TrySend(1));
        Assert.Throws<ObjectDisposedException>(() => sender.Send(1));
        Assert.Throws<ObjectDisposedException>(() => sender.Clone());
        // The clone keeps the channel open: a double Dispose of the original released only its own hold.
        Assert.True(clone.TrySend(5));
        receiver.Dispose();
        receiver.Dispose();
        Assert.Throws<ObjectDisposedException>(() => receiver.TryRecv(out _));
        Assert.Throws<ObjectDisposedException>(() => receiver.Recv());
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().PollNext(receiver));
        Assert.False(clone.TrySend(6));

        var (oneshotSender, oneshotReceiver) = Oneshot.Create<int>();
        oneshotReceiver.Dispose();
        oneshotReceiver.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().Poll(oneshotReceiver));
        Assert.Throws<ObjectDisposedException>(() => oneshotReceiver.TryReceive(out _));
        Assert.False(oneshotSender.TrySend(1));
        oneshotSender.Dispose();
        oneshotSender.Dispose();
        Assert.Throws<ObjectDisposedException>(() => oneshotSender.Send(1));

        var interval = Future.Interval(TimeSpan.FromSeconds(30));
        interval.Dispose();
        interval.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().PollNext(interval));

        var executor = new LocalExecutor();
        executor.Dispose();
        executor.Dispose();
        Assert.Throws<ObjectDisposedException>(() => executor.Spawn(Future.Ready(1)));
        Assert.Throws<ObjectDisposedException>(() => executor.RunReady());
        Assert.Throws<ObjectDisposedException>(() => executor.RunUntilStalled());
        Assert.Throws<ObjectDisposedException>(() => executor.Run());
        Assert.Throws<ObjectDisposedException>(() => executor.RunUntil(Future.Ready(1)));
    }

    // Drives the future to Ready (on this thread), then polls once more: InvalidOperationException, not a disposal error.
    private static void AssertCompletedPollThrows<T>(IFuture<T> future, string what)
    {
        Guard.BlockOn(future, what);
        var error = Assert.ThrowsAny<InvalidOperationException>(() => new CountingWaker().Poll(future));
        Assert.False(error is ObjectDisposedException, $"{what}: a completed future is not disposed ({error.Message})");
    }

    private static void AssertDisposedPollThrows<T>(IFuture<T> future, string what)
    {
        var disposable = Assert.IsAssignableFrom<IDisposable>(future);
        new CountingWaker().Poll(future);
        disposable.Dispose();
        disposable.Dispose();
        var error = Record.Exception(() => new CountingWaker().Poll(future));
        Assert.True(error is ObjectDisposedException, $"{what}: a poll after Dispose threw {error?.GetType().Name ?? "nothing"}");
    }
}
