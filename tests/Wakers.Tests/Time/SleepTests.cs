using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using Wakers.Tests.Polling;
using Wakers.Time;
using Xunit;

namespace Wakers.Tests.Time;

public class SleepTests
{
    // The wheel rounds deadlines up to the next millisecond, so a sleep never ends early; allow for clock reads only.
    private static readonly TimeSpan Tolerance = TimeSpan.FromMilliseconds(1);

    [Fact]
    public void NegativeDurationThrows()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Future.Sleep(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void ZeroIsReadyAtTheFirstPollWithoutATimerEntry()
    {
        var driver = new TimerDriver("test timer");
        var waker = new CountingWaker();
        var sleep = new SleepFuture(driver, TimeSpan.Zero);
        Assert.True(waker.Poll(sleep).IsReady);
        Assert.Equal(0, driver.RegisteredCount);
        Assert.True(waker.Poll(Future.Sleep(TimeSpan.Zero)).IsReady);
    }

    [Fact]
    public void APendingSleepRegistersOneEntryAndWakesWhenItExpires()
    {
        var driver = new TimerDriver("test timer");
        var waker = new CountingWaker();
        var sleep = new SleepFuture(driver, TimeSpan.FromMilliseconds(20));
        Assert.True(waker.Poll(sleep).IsPending);
        Assert.Equal(1, driver.RegisteredCount);
        Guard.Until(() => waker.WakeCount > 0, "the sleep's wake");
        Assert.True(waker.Poll(sleep).IsReady);
        Assert.Equal(0, driver.RegisteredCount);
        Assert.True(waker.Poll(sleep).IsReady);
    }

    [Fact]
    public void DisposeRemovesTheEntryAndLaterPollsThrow()
    {
        var driver = new TimerDriver("test timer");
        var sleep = new SleepFuture(driver, TimeSpan.FromHours(1));
        Assert.True(new CountingWaker().Poll(sleep).IsPending);
        Assert.Equal(1, driver.RegisteredCount);
        sleep.Dispose();
        Assert.Equal(0, driver.RegisteredCount);
        sleep.Dispose();
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().Poll(sleep));
        Assert.IsAssignableFrom<IDisposable>(Future.Sleep(TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void TheLongestSleepIsParkedOnTheWheelAndCanBeCancelled()
    {
        var driver = new TimerDriver("test timer");
        var sleep = new SleepFuture(driver, TimeSpan.MaxValue);
        Assert.True(new CountingWaker().Poll(sleep).IsPending);
        Assert.Equal(1, driver.RegisteredCount);
        sleep.Dispose();
        Assert.Equal(0, driver.RegisteredCount);
    }

    [Fact]
    public void ASleepNeverEndsBeforeItsDuration()
    {
        foreach (var ms in new[] { 1, 3, 10, 25 })
        {
            var duration = TimeSpan.FromMilliseconds(ms);
            var clock = Stopwatch.StartNew();
            Guard.BlockOn(Future.Sleep(duration), $"a {ms} ms sleep");
            Assert.True(clock.Elapsed >= duration - Tolerance, $"a {ms} ms sleep ended after {clock.Elapsed.TotalMilliseconds} ms");
        }
    }

    [Fact]
    public void TenThousandConcurrentSleepsAllComplete()
    {
        var seed = Stress.Seed();
        var random = new Random(seed);
        var count = Stress.Scale(10_000, 100_000);
        var clock = Stopwatch.StartNew();
        var sleeps = new List<IFuture<TimeSpan>>(count);
        for (var i = 0; i < count; i++)
        {
            var duration = TimeSpan.FromMilliseconds(random.Next(1, 51));
            var start = clock.Elapsed;
            sleeps.Add(Future.Sleep(duration).Map(_ => clock.Elapsed - start - duration));
        }

        var slack = Guard.BlockOn(Future.JoinAll(sleeps), $"{count} sleeps (seed {seed})");
        for (var i = 0; i < count; i++)
            Assert.True(slack[i] >= -Tolerance, $"sleep {i} completed {-slack[i].TotalMilliseconds} ms early (seed {seed})");
    }

    [Fact]
    public void DisposingHalfOfTenThousandSleepsRemovesHalfTheEntries()
    {
        var driver = new TimerDriver("test timer");
        var count = Stress.Scale(10_000, 100_000);
        var waker = new CountingWaker();
        var sleeps = new SleepFuture[count];
        for (var i = 0; i < count; i++)
        {
            sleeps[i] = new SleepFuture(driver, TimeSpan.FromMinutes(10) + TimeSpan.FromMilliseconds(i));
            Assert.True(waker.Poll(sleeps[i]).IsPending);
        }

        Assert.Equal(count, driver.RegisteredCount);
        for (var i = 0; i < count; i += 2) sleeps[i].Dispose();
        Assert.Equal(count / 2, driver.RegisteredCount);
        for (var i = 1; i < count; i += 2) sleeps[i].Dispose();
        Assert.Equal(0, driver.RegisteredCount);
        Assert.Equal(0, waker.WakeCount);
    }

    [Fact]
    public void CancellingWhileTimersFireLeavesNoEntryBehind()
    {
        var seed = Stress.Seed();
        var driver = new TimerDriver("test timer");
        var perThread = Stress.Scale(2_000, 50_000);
        var completed = 0;

        void Worker(int id)
        {
            var random = new Random(seed + id);
            for (var i = 0; i < perThread; i++)
            {
                var sleep = new SleepFuture(driver, TimeSpan.FromMilliseconds(random.Next(0, 3)));
                var waker = new CountingWaker();
                if (waker.Poll(sleep).IsReady)
                {
                    Interlocked.Increment(ref completed);
                    continue;
                }

                if (random.Next(2) == 0)
                {
                    // Cancel, possibly while the driver is firing this very entry.
                    if (random.Next(2) == 0) Thread.SpinWait(random.Next(2_000));
                    sleep.Dispose();
                }
                else
                {
                    Executor.BlockOn(sleep);
                    Interlocked.Increment(ref completed);
                }
            }
        }

        Guard.RunAll($"sleeps cancelled while firing (seed {seed})", Enumerable.Range(0, Math.Max(4, Stress.Threads)).Select(id => (Action)(() => Worker(id))).ToArray());
        Assert.True(driver.RegisteredCount == 0, $"{driver.RegisteredCount} entries left behind (seed {seed})");
        Assert.True(completed > 0, $"no sleep completed (seed {seed})");
    }
}
