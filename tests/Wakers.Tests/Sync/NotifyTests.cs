using System;
using System.Threading;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Sync;

public class NotifyTests
{
    [Fact]
    public void NotifyOneWithoutWaitersStoresOnePermit()
    {
        var notify = new Notify();
        notify.NotifyOne();
        notify.NotifyOne();
        var waker = new CountingWaker();
        var first = notify.Notified();
        Assert.True(waker.Poll(first).IsReady);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(first));
        // Permits do not accumulate.
        Assert.True(waker.Poll(notify.Notified()).IsPending);
    }

    [Fact]
    public void NotifyOneWakesTheLongestWaiter()
    {
        var notify = new Notify();
        var a = notify.Notified();
        var b = notify.Notified();
        var wa = new CountingWaker();
        var wb = new CountingWaker();
        Assert.True(wa.Poll(a).IsPending);
        Assert.True(wb.Poll(b).IsPending);
        notify.NotifyOne();
        Assert.Equal(1, wa.WakeCount);
        Assert.Equal(0, wb.WakeCount);
        Assert.True(wa.Poll(a).IsReady);
        Assert.True(wb.Poll(b).IsPending);
        notify.NotifyOne();
        Assert.Equal(1, wb.WakeCount);
        Assert.True(wb.Poll(b).IsReady);
    }

    [Fact]
    public void NotifyAllCompletesEveryFutureCreatedBeforeItAndStoresNoPermit()
    {
        var notify = new Notify();
        var polled = notify.Notified();
        var unpolled = notify.Notified();
        var waker = new CountingWaker();
        Assert.True(waker.Poll(polled).IsPending);
        notify.NotifyAll();
        Assert.Equal(1, waker.WakeCount);
        Assert.True(waker.Poll(polled).IsReady);
        Assert.True(waker.Poll(unpolled).IsReady);
        Assert.True(waker.Poll(notify.Notified()).IsPending);
    }

    [Fact]
    public void ADisposedNotifiedFuturePassesItsNotificationOn()
    {
        var notify = new Notify();
        var a = notify.Notified();
        var b = notify.Notified();
        var wa = new CountingWaker();
        var wb = new CountingWaker();
        Assert.True(wa.Poll(a).IsPending);
        Assert.True(wb.Poll(b).IsPending);
        notify.NotifyOne();
        a.Cancel();
        Assert.Equal(1, wb.WakeCount);
        Assert.True(wb.Poll(b).IsReady);

        // With no one left waiting, the notification goes back to the permit.
        var c = notify.Notified();
        Assert.True(wa.Poll(c).IsPending);
        notify.NotifyOne();
        c.Cancel();
        Assert.True(wa.Poll(notify.Notified()).IsReady);
    }

    [Fact]
    public void ADisposedWaiterLeavesTheQueue()
    {
        var notify = new Notify();
        var a = notify.Notified();
        var waker = new CountingWaker();
        Assert.True(waker.Poll(a).IsPending);
        a.Cancel();
        notify.NotifyOne();
        Assert.Equal(0, waker.WakeCount);
        Assert.True(waker.Poll(notify.Notified()).IsReady);
    }

    [Fact]
    public void PingPongBetweenThreadsLosesNoNotification()
    {
        var seed = Stress.Seed();
        var rounds = Stress.Scale(20_000, 500_000);
        var ping = new Notify();
        var pong = new Notify();

        void Server()
        {
            var random = new Random(seed);
            for (var i = 0; i < rounds; i++)
            {
                var wait = ping.Notified();
                if (random.Next(4) == 0)
                {
                    // Cancel a waiter, possibly while it is being notified: the notification must pass on.
                    var waker = new CountingWaker();
                    if (waker.Poll(wait).IsReady)
                    {
                        pong.NotifyOne();
                        continue;
                    }

                    wait.Cancel();
                    wait = ping.Notified();
                }

                Executor.BlockOn(wait);
                pong.NotifyOne();
            }
        }

        void Client()
        {
            for (var i = 0; i < rounds; i++)
            {
                var wait = pong.Notified();
                ping.NotifyOne();
                Executor.BlockOn(wait);
            }
        }

        Guard.RunAll($"notify ping-pong (seed {seed})", Server, Client);
    }

    [Fact]
    public void NotifyAllReachesEveryWaiterUnderContention()
    {
        var seed = Stress.Seed();
        var rounds = Stress.Scale(2_000, 50_000);
        const int Waiters = 3;
        var notify = new Notify();
        var arrived = 0;
        var finished = 0;

        void Waiter()
        {
            for (var i = 0; i < rounds; i++)
            {
                var wait = notify.Notified();
                Interlocked.Increment(ref arrived);
                Executor.BlockOn(wait);
                Interlocked.Increment(ref finished);
                SpinUntil(() => Volatile.Read(ref finished) >= (i + 1) * Waiters);
            }
        }

        void Notifier()
        {
            for (var i = 0; i < rounds; i++)
            {
                // Every waiter has created its future for this round: one NotifyAll must release them all.
                SpinUntil(() => Volatile.Read(ref arrived) >= (i + 1) * Waiters);
                notify.NotifyAll();
                SpinUntil(() => Volatile.Read(ref finished) >= (i + 1) * Waiters);
            }
        }

        Guard.RunAll($"notify-all rounds (seed {seed})", Waiter, Waiter, Waiter, Notifier);
        Assert.True(Volatile.Read(ref finished) == rounds * Waiters, $"{Volatile.Read(ref finished)} of {rounds * Waiters} waits finished (seed {seed})");
    }

    private static void SpinUntil(Func<bool> condition)
    {
        var spin = new SpinWait();
        while (!condition()) spin.SpinOnce();
    }
}
