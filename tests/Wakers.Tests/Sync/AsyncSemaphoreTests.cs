using System;
using System.Threading;
using Wakers.Tests.Polling;
using Xunit;
using Wakers.Sync;

namespace Wakers.Tests.Sync;

public class AsyncSemaphoreTests
{
    [Fact]
    public void AcquireTakesFreePermitsAndDisposingThePermitReturnsThem()
    {
        var semaphore = new AsyncSemaphore(2);
        var waker = new CountingWaker();
        var acquire = semaphore.Acquire(2);
        var permit = waker.Poll(acquire).Value;
        Assert.Equal(2, permit.Count);
        Assert.Equal(0, semaphore.AvailablePermits);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(acquire));
        permit.Dispose();
        permit.Dispose();
        Assert.Equal(2, semaphore.AvailablePermits);
    }

    [Fact]
    public void AWaiterIsWokenByRelease()
    {
        var semaphore = new AsyncSemaphore(0);
        var waker = new CountingWaker();
        var acquire = semaphore.Acquire();
        Assert.True(waker.Poll(acquire).IsPending);
        semaphore.Release();
        Assert.Equal(1, waker.WakeCount);
        Assert.Equal(0, semaphore.AvailablePermits);
        Assert.Equal(1, waker.Poll(acquire).Value.Count);
    }

    [Fact]
    public void WaitersAreServedInOrderAndALargeRequestBlocksLaterSmallOnes()
    {
        var semaphore = new AsyncSemaphore(1);
        var big = semaphore.Acquire(3);
        var small = semaphore.Acquire(1);
        var wBig = new CountingWaker();
        var wSmall = new CountingWaker();
        Assert.True(wBig.Poll(big).IsPending);
        Assert.True(wSmall.Poll(small).IsPending);
        Assert.False(semaphore.TryAcquire(1, out _));
        semaphore.Release(2);
        Assert.Equal(1, wBig.WakeCount);
        Assert.Equal(0, wSmall.WakeCount);
        var bigPermit = wBig.Poll(big).Value;
        bigPermit.Dispose();
        Assert.Equal(1, wSmall.WakeCount);
        Assert.True(wSmall.Poll(small).IsReady);
        Assert.Equal(2, semaphore.AvailablePermits);
    }

    [Fact]
    public void ACancelledWaiterLetsTheNextOneThrough()
    {
        var semaphore = new AsyncSemaphore(1);
        var big = semaphore.Acquire(3);
        var small = semaphore.Acquire(1);
        var wSmall = new CountingWaker();
        Assert.True(new CountingWaker().Poll(big).IsPending);
        Assert.True(wSmall.Poll(small).IsPending);
        big.Cancel();
        Assert.Equal(1, wSmall.WakeCount);
        Assert.True(wSmall.Poll(small).IsReady);
    }

    [Fact]
    public void AWaiterCancelledAfterItWasGrantedGivesThePermitsBack()
    {
        var semaphore = new AsyncSemaphore(0);
        var first = semaphore.Acquire(2);
        var second = semaphore.Acquire(2);
        var wSecond = new CountingWaker();
        Assert.True(new CountingWaker().Poll(first).IsPending);
        Assert.True(wSecond.Poll(second).IsPending);
        semaphore.Release(2);
        // Granted to the first, which is cancelled before it observes the grant: the second gets the permits.
        first.Cancel();
        Assert.Equal(1, wSecond.WakeCount);
        Assert.True(wSecond.Poll(second).IsReady);
        second.Cancel();
        Assert.Equal(0, semaphore.AvailablePermits);
    }

    [Fact]
    public void TryAcquireTakesOnlyFreePermits()
    {
        var semaphore = new AsyncSemaphore(1);
        Assert.True(semaphore.TryAcquire(1, out var permit));
        Assert.NotNull(permit);
        Assert.False(semaphore.TryAcquire(1, out var none));
        Assert.Null(none);
        permit!.Dispose();
        Assert.Equal(1, semaphore.AvailablePermits);
    }

    [Fact]
    public void BadArgumentsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AsyncSemaphore(-1));
        var semaphore = new AsyncSemaphore(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Acquire(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.TryAcquire(0, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => semaphore.Release(0));
        Assert.Throws<InvalidOperationException>(() => semaphore.Release(int.MaxValue));
    }

    [Fact]
    public void PermitsAreNeverOverIssuedOrLostUnderContentionWithCancellation()
    {
        var seed = Stress.Seed();
        const int Permits = 2;
        var perThread = Stress.Scale(5_000, 200_000);
        var semaphore = new AsyncSemaphore(Permits);
        var inside = 0;
        var maxInside = 0;
        var acquired = 0;

        void Worker(int id)
        {
            var random = new Random(seed + id);
            for (var i = 0; i < perThread; i++)
            {
                var acquire = semaphore.Acquire();
                var waker = new CountingWaker();
                var first = waker.Poll(acquire);
                Wakers.Sync.SemaphorePermit permit;
                if (first.IsReady)
                {
                    permit = first.Value;
                }
                else if (random.Next(3) == 0)
                {
                    // Cancel, possibly while a release is handing this waiter its permit.
                    if (random.Next(2) == 0) Thread.SpinWait(random.Next(500));
                    acquire.Cancel();
                    continue;
                }
                else
                {
                    permit = Executor.BlockOn(acquire);
                }

                var now = Interlocked.Increment(ref inside);
                InterlockedMax(ref maxInside, now);
                Interlocked.Increment(ref acquired);
                if (random.Next(8) == 0) Thread.SpinWait(random.Next(200));
                Interlocked.Decrement(ref inside);
                permit.Dispose();
            }
        }

        Guard.RunAll($"semaphore contention (seed {seed})", () => Worker(0), () => Worker(1), () => Worker(2), () => Worker(3));
        Assert.True(maxInside <= Permits, $"{maxInside} holders at once with {Permits} permits (seed {seed})");
        Assert.True(semaphore.AvailablePermits == Permits, $"{semaphore.AvailablePermits} permits left of {Permits} (seed {seed})");
        Assert.True(acquired > 0, $"nothing acquired (seed {seed})");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current) return;
            current = seen;
        }
    }
}
