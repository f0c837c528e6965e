using System;
using System.Threading;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests;

public class AtomicWakerStressTests
{
    // Each round: a poller registers a fresh waker then re-checks a flag, while wakers publish the flag then wake.
    // If the poller's re-check saw no flag, its waker must have been woken: otherwise the wakeup is lost.
    // The second judgement is futures-rs's guarantee: a Wake that starts after Register claimed the slot wakes the new
    // waker (directly, or through Register's hand-off). A Wake that starts earlier may coalesce with another wake that
    // takes the old waker and wake nobody new; that is not a lost wakeup, because its flag was published before it, so the
    // poller's re-check sees it. An earlier version raised the "started" flag just before calling Register, which counted
    // such coalesced wakes as lost and failed now and then; the flag is now raised inside Register (by the stored waker's
    // WillWake, which runs only after Register holds the slot), and 50 runs in a row pass.
    [Fact]
    public void RegisterThenCheckRacingPublishThenWakeLosesNoWakeup()
    {
        var seed = Stress.Seed();
        var rounds = Stress.Scale(20_000, 500_000);
        var slot = new AtomicWaker();
        var flag = 0;
        var round = 0;
        var arrived = 0;
        var finished = 0;
        var lost = 0;
        var lostAfterRegister = 0;
        var registerStarted = 0;
        var wokeAfterRegisterStarted = new int[rounds];
        var wakers = new CountingWaker[rounds];
        var sawFlag = new bool[rounds];
        const int WakerThreads = 2;

        void Poller()
        {
            var random = new Random(seed);
            for (var i = 0; i < rounds; i++)
            {
                wakers[i] = new CountingWaker();
                // A stored waker with a slow WillWake widens the window in which Register holds the slot.
                // Its WillWake runs inside Register, after Register has claimed the slot: that is when it flags the start.
                slot.Register(new SlowWillWake(random.Next(200), () => Volatile.Write(ref registerStarted, 1)));
                Volatile.Write(ref flag, 0);
                Volatile.Write(ref registerStarted, 0);
                Volatile.Write(ref round, i + 1);
                // Wait until both waking threads are in this round, then race them.
                SpinUntil(() => Volatile.Read(ref arrived) == (i + 1) * WakerThreads);
                if (random.Next(4) == 0) Thread.SpinWait(random.Next(50));
                slot.Register(wakers[i]);
                sawFlag[i] = Volatile.Read(ref flag) != 0;
                // Both wakers finish the round before it is judged (the wake may land after the re-check).
                SpinUntil(() => Volatile.Read(ref finished) == (i + 1) * WakerThreads);
                if (!sawFlag[i] && wakers[i].WakeCount == 0) lost++;
                // A Wake that starts after Register claimed the slot must wake the registered waker, re-check or not.
                if (Volatile.Read(ref wokeAfterRegisterStarted[i]) != 0 && wakers[i].WakeCount == 0) lostAfterRegister++;
                // Clear the slot so the next round starts empty (a late wake of this round is harmless).
                slot.Take();
            }
        }

        void WakerThread(int id)
        {
            var random = new Random(seed + id + 1);
            for (var i = 0; i < rounds; i++)
            {
                SpinUntil(() => Volatile.Read(ref round) == i + 1);
                Interlocked.Increment(ref arrived);
                if (random.Next(4) == 0) Thread.SpinWait(random.Next(50));
                Volatile.Write(ref flag, 1);
                if (Volatile.Read(ref registerStarted) != 0) Volatile.Write(ref wokeAfterRegisterStarted[i], 1);
                slot.Wake();
                Interlocked.Increment(ref finished);
            }
        }

        Guard.RunAll($"AtomicWaker race (seed {seed})", Poller, () => WakerThread(0), () => WakerThread(1));
        Assert.True(lost == 0, $"{lost} of {rounds} wakeups lost despite the re-check (seed {seed}).");
        Assert.True(lostAfterRegister == 0, $"{lostAfterRegister} of {rounds} wakes that started after Register were lost (seed {seed}).");
    }

    // A task polls a register-then-check future while producers publish increasing values and wake: BlockOn must see the last.
    [Fact]
    public void EveryPublishedValueIsEventuallyObservedByAPoll()
    {
        var seed = Stress.Seed();
        var values = Stress.Scale(50_000, 1_000_000);
        var slot = new AtomicWaker();
        long published = 0;

        void Producer()
        {
            var random = new Random(seed);
            for (var i = 1; i <= values; i++)
            {
                Volatile.Write(ref published, i);
                slot.Wake();
                if (random.Next(64) == 0) Thread.Yield();
            }
        }

        long Consumer()
        {
            long seen = 0;
            var waits = 0;
            while (seen < values)
            {
                var target = seen + 1;
                seen = Executor.BlockOn(Future.FromPoll<long>(cx =>
                {
                    var now = Volatile.Read(ref published);
                    if (now >= target) return Poll<long>.Ready(now);
                    slot.Register(cx.Waker);
                    now = Volatile.Read(ref published);
                    return now >= target ? Poll<long>.Ready(now) : Poll<long>.Pending;
                }));
                waits++;
            }

            return waits;
        }

        long waits = 0;
        Guard.RunAll($"AtomicWaker publish/observe (seed {seed})", Producer, () => waits = Consumer());
        Assert.True(waits > 0, $"the consumer never waited (seed {seed})");
        Assert.True(Volatile.Read(ref published) == values, $"{Volatile.Read(ref published)} of {values} values published (seed {seed})");
    }

    private sealed class SlowWillWake : Waker
    {
        private readonly int _spins;
        private readonly Action _onWillWake;

        public SlowWillWake(int spins, Action onWillWake)
        {
            _spins = spins;
            _onWillWake = onWillWake;
        }

        public override void Wake()
        {
        }

        public override bool WillWake(Waker other)
        {
            _onWillWake();
            Thread.SpinWait(_spins);
            return false;
        }
    }

    private static void SpinUntil(Func<bool> condition)
    {
        var spin = new SpinWait();
        while (!condition()) spin.SpinOnce(sleep1Threshold: -1);
    }
}
