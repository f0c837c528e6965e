using System;
using System.Diagnostics;
using System.Threading;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Wakers.Time;
using Xunit;

namespace Wakers.Tests.Time;

public class TimeoutTests
{
    [Fact]
    public void AFastFutureWinsAndItsTimerEntryIsRemoved()
    {
        var driver = new TimerDriver("test timer");
        var probe = new ProbeFuture<int>();
        var timeout = new TimeoutFuture<int>(driver, probe, TimeSpan.FromHours(1));
        var waker = new CountingWaker();
        Assert.True(waker.Poll(timeout).IsPending);
        Assert.Same(waker, probe.LastWaker);
        Assert.Equal(1, driver.RegisteredCount);
        probe.Complete(3);
        Assert.Equal((true, 3), waker.Poll(timeout).Value);
        Assert.Equal(0, driver.RegisteredCount);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(timeout));
    }

    [Fact]
    public void ASlowFutureTimesOutWithTimeoutExceptionAndIsDisposed()
    {
        var probe = new ProbeFuture<int>();
        var clock = Stopwatch.StartNew();
        var error = Assert.Throws<TimeoutException>(() => Guard.BlockOn(probe.Timeout(TimeSpan.FromMilliseconds(20)), "a timeout"));
        Assert.Contains("did not complete", error.Message);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(19), $"timed out after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.True(probe.Disposed);
    }

    [Fact]
    public void TryTimeoutReportsTheTimeoutAsAFlag()
    {
        var result = Guard.BlockOn(Future.Pending<string>().TryTimeout(TimeSpan.FromMilliseconds(5)), "try-timeout");
        Assert.False(result.Completed);
        Assert.Null(result.Result);
        Assert.Equal((true, 9), Guard.BlockOn(Future.Ready(9).TryTimeout(TimeSpan.Zero), "a ready future with a zero timeout"));
    }

    [Fact]
    public void AnInfiniteTimeoutUsesNoTimerAndWaitsForTheFuture()
    {
        var driver = new TimerDriver("test timer");
        var (sender, receiver) = Oneshot.Create<int>();
        var timeout = new TimeoutFuture<int>(driver, receiver, Timeout.InfiniteTimeSpan);
        var waker = new CountingWaker();
        Assert.True(waker.Poll(timeout).IsPending);
        Assert.Equal(0, driver.RegisteredCount);
        sender.Send(4);
        Assert.Equal(1, waker.WakeCount);
        Assert.Equal((true, 4), waker.Poll(timeout).Value);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Future.Timeout<int>(null!, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentNullException>(() => Future.TryTimeout<int>(null!, TimeSpan.FromSeconds(1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Future.Ready(1).Timeout(TimeSpan.FromMilliseconds(-2)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Future.Ready(1).TryTimeout(TimeSpan.FromMilliseconds(-2)));
    }

    [Fact]
    public void DisposingATimeoutCancelsTheTimerAndTheInnerFuture()
    {
        var driver = new TimerDriver("test timer");
        var probe = new ProbeFuture<int>();
        var timeout = new TimeoutFuture<int>(driver, probe, TimeSpan.FromHours(1));
        Assert.True(new CountingWaker().Poll(timeout).IsPending);
        timeout.Dispose();
        Assert.Equal(0, driver.RegisteredCount);
        Assert.True(probe.Disposed);
    }
}
