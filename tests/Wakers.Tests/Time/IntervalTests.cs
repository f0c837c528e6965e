using System;
using System.Diagnostics;
using System.Threading;
using Wakers.Tests.Polling;
using Wakers.Time;
using Xunit;

namespace Wakers.Tests.Time;

public class IntervalTests
{
    [Fact]
    public void APeriodMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Future.Interval(TimeSpan.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => Future.Interval(TimeSpan.FromMilliseconds(-1)));
    }

    [Fact]
    public void TicksComeOnePeriodApartAndNeverEarly()
    {
        var period = TimeSpan.FromMilliseconds(10);
        var clock = Stopwatch.StartNew();
        using var interval = Future.Interval(period);
        Assert.Equal(period, interval.Period);
        for (var k = 1; k <= 3; k++)
        {
            var tick = Guard.BlockOn(Future.FromPoll(cx => interval.PollNext(cx)), $"tick {k}");
            Assert.True(tick.HasItem);
            Assert.True(clock.Elapsed >= k * period - TimeSpan.FromMilliseconds(1), $"tick {k} came after {clock.Elapsed.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public void APendingPollRegistersAndTheTickWakes()
    {
        var driver = new TimerDriver("test timer");
        var interval = new Interval(driver, TimeSpan.FromMilliseconds(5));
        var waker = new CountingWaker();
        Assert.True(waker.PollNext(interval).IsPending);
        Assert.Equal(1, driver.RegisteredCount);
        Guard.Until(() => waker.WakeCount > 0, "the interval's tick");
        Assert.True(waker.PollNext(interval).Value.HasItem);
        // The next tick is already scheduled.
        Assert.Equal(1, driver.RegisteredCount);
        interval.Dispose();
        Assert.Equal(0, driver.RegisteredCount);
        Assert.Throws<ObjectDisposedException>(() => waker.PollNext(interval));
    }

    [Fact]
    public void MissedTicksAreSkippedNotBurst()
    {
        var driver = new TimerDriver("test timer");
        const long Period = 10;
        var interval = new Interval(driver, TimeSpan.FromMilliseconds(Period));
        var first = interval.NextDeadline;
        var waker = new CountingWaker();
        Assert.True(waker.PollNext(interval).IsPending);
        Thread.Sleep(TimeSpan.FromMilliseconds(Period * 5));
        Guard.Until(() => waker.WakeCount > 0, "the first tick");
        var before = driver.NowTick;
        Assert.True(waker.PollNext(interval).Value.HasItem);
        var next = interval.NextDeadline;
        Assert.True(next > before, $"the next tick ({next}) is not after now ({before}): missed ticks would burst");
        Assert.Equal(0, (next - first) % Period);
        interval.Dispose();
    }
}
