using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Wakers.Time;

/// <summary>
/// The one timer behind every <c>Sleep</c>, <c>Timeout</c> and <c>Interval</c>: a <see cref="TimerWheel"/> under a lock,
/// driven by one background thread that sleeps until the next expiry. Expired entries are fired outside the lock.
/// </summary>
internal sealed class TimerDriver
{
    private static readonly Lazy<TimerDriver> s_shared = new(() => new TimerDriver("Wakers timer"));

    private readonly object _gate = new();
    private readonly TimerWheel _wheel = new();
    private readonly long _origin = Stopwatch.GetTimestamp();

    // The tick the driver thread sleeps until; long.MinValue while it is awake (so every insert may pulse harmlessly).
    private long _sleepingUntil = long.MinValue;

    internal TimerDriver(string threadName)
    {
        var thread = new Thread(Run) { IsBackground = true, Name = threadName };
        thread.Start();
    }

    /// <summary>The process-wide driver.</summary>
    internal static TimerDriver Shared => s_shared.Value;

    /// <summary>How many entries are registered (for tests: disposing a sleep must remove its entry).</summary>
    internal int RegisteredCount
    {
        get
        {
            lock (_gate) return _wheel.Count;
        }
    }

    /// <summary>The current tick: whole milliseconds since the driver started, rounded down.</summary>
    internal long NowTick => Stopwatch.GetElapsedTime(_origin).Ticks / TimeSpan.TicksPerMillisecond;

    /// <summary>The first tick at or after now + <paramref name="duration"/> (rounded up, so a timer never fires early).</summary>
    internal long DeadlineAfter(TimeSpan duration)
    {
        var now = Stopwatch.GetElapsedTime(_origin).Ticks;
        var end = duration.Ticks > long.MaxValue - now ? long.MaxValue : now + duration.Ticks;
        var tick = end / TimeSpan.TicksPerMillisecond;
        return end % TimeSpan.TicksPerMillisecond == 0 ? tick : tick + 1;
    }

    /// <summary>
    /// Registers <paramref name="entry"/>. When its deadline has already been processed, the entry is marked fired
    /// instead and false is returned: the caller's poll is Ready.
    /// </summary>
    internal bool Insert(TimerEntry entry)
    {
        lock (_gate)
        {
            if (!_wheel.Insert(entry))
            {
                entry.MarkFired();
                return false;
            }

            if (entry.When < _sleepingUntil) Monitor.Pulse(_gate);
            return true;
        }
    }

    /// <summary>Removes <paramref name="entry"/> if it is registered (cancellation); false when it was not.</summary>
    internal bool Remove(TimerEntry entry)
    {
        lock (_gate) return _wheel.Remove(entry);
    }

    private void Run()
    {
        var expired = new List<TimerEntry>();
        while (true)
        {
            lock (_gate)
            {
                while (true)
                {
                    _wheel.Advance(NowTick, expired);
                    if (expired.Count > 0) break;
                    var next = _wheel.NextExpiry();
                    _sleepingUntil = next;
                    if (next == long.MaxValue) Monitor.Wait(_gate);
                    else Monitor.Wait(_gate, MillisecondsUntil(next));
                    _sleepingUntil = long.MinValue;
                }
            }

            // Outside the lock: each entry publishes its expiry, then wakes its task.
            foreach (var entry in expired)
            {
                try
                {
                    entry.Fire();
                }
                catch (Exception e)
                {
                    // Fire contains wakers' exceptions; whatever else escapes must not end the one timer thread.
                    Executor.ReportUnhandled(e);
                }
            }

            expired.Clear();
        }
    }

    private int MillisecondsUntil(long tick)
    {
        var remaining = tick * TimeSpan.TicksPerMillisecond - Stopwatch.GetElapsedTime(_origin).Ticks;
        if (remaining <= 0) return 0;
        var ms = (remaining + TimeSpan.TicksPerMillisecond - 1) / TimeSpan.TicksPerMillisecond;
        return ms > int.MaxValue ? int.MaxValue : (int)ms;
    }
}
