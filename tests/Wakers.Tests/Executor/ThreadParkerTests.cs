using System.Threading;
using Wakers.Scheduling;
using Xunit;

namespace Wakers.Tests.Executors;

public class ThreadParkerTests
{
    [Fact]
    public void WakeBeforeParkLeavesAPermit()
    {
        var parker = new ThreadParker();
        parker.Wake();
        // Returns at once: the permit was there (a hang here is the failure).
        HangGuard.Run(() =>
        {
            parker.Park();
            return 0;
        }, "Park after Wake");
    }

    [Fact]
    public void ManyWakesLeaveOnePermit()
    {
        var parker = new ThreadParker();
        for (var i = 0; i < 100; i++) parker.Wake();
        Assert.True(parker.HasPermit);
        parker.Park();
        // The hundred wakes were one permit, and the park consumed it.
        Assert.False(parker.HasPermit);
    }

    [Fact]
    public void WakeFromAnotherThreadUnparks()
    {
        var parker = new ThreadParker();
        using var started = new ManualResetEventSlim();
        var parked = new Thread(() =>
        {
            started.Set();
            parker.Park();
        });
        parked.Start();
        started.Wait();
        parker.Wake();
        Assert.True(parked.Join(HangGuard.Timeout), "hung: the parked thread was not unparked");
    }

    [Fact]
    public void RacingWakesAndParksLoseNoPermit()
    {
        var parker = new ThreadParker();
        const int rounds = 20_000;
        var produced = 0;
        var consumer = new Thread(() =>
        {
            // Each park consumes a wake; the producer waits for the consumption before the next wake.
            for (var i = 0; i < rounds; i++)
            {
                parker.Park();
                Volatile.Write(ref produced, i + 1);
            }
        });
        consumer.Start();
        var producer = new Thread(() =>
        {
            for (var i = 0; i < rounds; i++)
            {
                parker.Wake();
                while (Volatile.Read(ref produced) <= i) Thread.Yield();
            }
        });
        producer.Start();
        Assert.True(consumer.Join(HangGuard.Timeout), "hung: a wake racing a park was lost");
        Assert.True(producer.Join(HangGuard.Timeout), "hung: the producer");
        Assert.Equal(rounds, produced);
    }
}
