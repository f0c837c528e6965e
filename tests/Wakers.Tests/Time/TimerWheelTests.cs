using System;
using System.Collections.Generic;
using Wakers.Tests.Polling;
using Wakers.Time;
using Xunit;

namespace Wakers.Tests.Time;

// The wheel alone, on virtual ticks: deterministic.
public class TimerWheelTests
{
    [Fact]
    public void EveryEntryFiresAtItsTickNeverEarlierNeverLater()
    {
        var seed = Stress.Seed();
        var random = new Random(seed);
        var wheel = new TimerWheel();
        var entries = new List<TimerEntry>();
        long now = 0;
        var expired = new List<TimerEntry>();
        for (var round = 0; round < 2_000; round++)
        {
            // Deadlines of every magnitude, so each level and each cascade is exercised.
            var magnitude = random.Next(1, 40);
            var deadline = now + 1 + (long)(random.NextDouble() * Math.Pow(2, magnitude));
            var entry = new TimerEntry(deadline);
            Assert.True(wheel.Insert(entry), $"insert at {deadline} (now {now}, seed {seed})");
            entries.Add(entry);
            now = AdvanceChecking(wheel, now, now + random.Next(0, 50), expired, seed);
        }

        while (wheel.Count > 0)
        {
            var next = wheel.NextExpiry();
            Assert.True(next > now, $"next expiry {next} is not after now {now} (seed {seed})");
            now = AdvanceChecking(wheel, now, next + random.Next(0, 3), expired, seed);
        }

        Assert.True(expired.Count == entries.Count, $"{expired.Count} of {entries.Count} entries fired (seed {seed})");
    }

    [Fact]
    public void RemovedEntriesNeverFire()
    {
        var wheel = new TimerWheel();
        var keep = new TimerEntry(100);
        var drop = new TimerEntry(100);
        Assert.True(wheel.Insert(keep));
        Assert.True(wheel.Insert(drop));
        Assert.Equal(2, wheel.Count);
        Assert.True(wheel.Remove(drop));
        Assert.False(wheel.Remove(drop));
        Assert.Equal(1, wheel.Count);
        var expired = new List<TimerEntry>();
        wheel.Advance(1_000, expired);
        Assert.Equal(new[] { keep }, expired);
        Assert.Equal(0, wheel.Count);
        Assert.Equal(long.MaxValue, wheel.NextExpiry());
    }

    [Fact]
    public void AnEntryAlreadyDueIsNotInserted()
    {
        var wheel = new TimerWheel();
        wheel.Advance(50, new List<TimerEntry>());
        Assert.False(wheel.Insert(new TimerEntry(50)));
        Assert.False(wheel.Insert(new TimerEntry(3)));
        Assert.True(wheel.Insert(new TimerEntry(51)));
        Assert.Equal(1, wheel.Count);
    }

    [Fact]
    public void AnEntryBeyondTheWheelsSpanIsReparkedAndFiresOnTime()
    {
        var wheel = new TimerWheel();
        var far = (1L << 40) + 12345;
        var entry = new TimerEntry(far);
        Assert.True(wheel.Insert(entry));
        var expired = new List<TimerEntry>();
        long now = 0;
        while (expired.Count == 0)
        {
            var next = wheel.NextExpiry();
            Assert.True(next <= far, $"next expiry {next} is past the deadline {far}");
            now = next;
            wheel.Advance(now, expired);
        }

        Assert.Equal(far, now);
    }

    [Fact]
    public void ARearmedEntryCanBeInsertedAgain()
    {
        var wheel = new TimerWheel();
        var entry = new TimerEntry(10);
        Assert.True(wheel.Insert(entry));
        Assert.Throws<InvalidOperationException>(() => wheel.Insert(entry));
        var expired = new List<TimerEntry>();
        wheel.Advance(10, expired);
        Assert.Single(expired);
        entry.Rearm(20);
        Assert.True(wheel.Insert(entry));
        expired.Clear();
        wheel.Advance(19, expired);
        Assert.Empty(expired);
        wheel.Advance(20, expired);
        Assert.Single(expired);
    }

    private static long AdvanceChecking(TimerWheel wheel, long before, long now, List<TimerEntry> expired, int seed)
    {
        var start = expired.Count;
        wheel.Advance(now, expired);
        for (var i = start; i < expired.Count; i++)
        {
            var deadline = expired[i].Deadline;
            Assert.True(deadline <= now, $"entry due at {deadline} fired early, at {now} (seed {seed})");
            Assert.True(deadline > before, $"entry due at {deadline} fired late: it was due by the previous advance to {before} (seed {seed})");
        }

        return now;
    }
}
