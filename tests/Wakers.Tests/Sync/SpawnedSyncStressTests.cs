using System;
using System.Collections.Generic;
using System.Threading;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Sync;

// The primitives driven by the multi-threaded executor: wakes arrive from pool threads while tasks are being polled.
public class SpawnedSyncStressTests
{
    [Fact]
    public void SpawnedProducersAndAConsumerOverABoundedChannel()
    {
        var seed = Stress.Seed();
        const int Producers = 6;
        var perProducer = Stress.Scale(3_000, 100_000);
        var (sender, receiver) = Channel.Bounded<long>(4);
        var handles = new List<JoinHandle<Unit>>();
        for (var p = 0; p < Producers; p++) handles.Add(Executor.Spawn(SendAll(sender.Clone(), p, perProducer)));
        sender.Dispose();

        var next = new int[Producers];
        var consumer = Executor.Spawn(Future.FromPoll(cx =>
        {
            while (true)
            {
                var poll = receiver.PollNext(cx);
                if (poll.IsPending) return Poll<int>.Pending;
                var (hasItem, item) = poll.Value;
                if (!hasItem) return Poll<int>.Ready(next.Length);
                var producer = (int)(item >> 32);
                var index = (int)(item & 0xffffffff);
                if (index != next[producer]) throw new InvalidOperationException($"producer {producer}: got {index}, expected {next[producer]} (seed {seed})");
                next[producer]++;
            }
        }));

        Guard.BlockOn(Future.JoinAll(handles), $"spawned producers (seed {seed})");
        Guard.BlockOn(consumer, $"spawned consumer (seed {seed})");
        for (var p = 0; p < Producers; p++) Assert.True(next[p] == perProducer, $"producer {p}: {next[p]} of {perProducer} received (seed {seed})");
    }

    [Fact]
    public void SpawnedTasksShareASemaphoreWithoutOverIssuingOrLosingPermits()
    {
        var seed = Stress.Seed();
        const int Permits = 3;
        var tasks = Stress.Scale(2_000, 50_000);
        var semaphore = new AsyncSemaphore(Permits);
        var inside = 0;
        var overIssued = 0;
        var handles = new List<JoinHandle<Unit>>(tasks);
        for (var t = 0; t < tasks; t++)
        {
            IFuture<SemaphorePermit>? acquire = null;
            IFuture<Unit>? yield = null;
            SemaphorePermit? permit = null;
            handles.Add(Executor.Spawn(Future.FromPoll(cx =>
            {
                if (permit is null)
                {
                    acquire ??= semaphore.Acquire();
                    var poll = acquire.Poll(cx);
                    if (poll.IsPending) return Poll<Unit>.Pending;
                    permit = poll.Value;
                    if (Interlocked.Increment(ref inside) > Permits) Interlocked.Increment(ref overIssued);
                    yield = Future.YieldNow();
                }

                // Hold the permit across a yield, so other tasks contend for it meanwhile.
                if (yield!.Poll(cx).IsPending) return Poll<Unit>.Pending;
                Interlocked.Decrement(ref inside);
                permit.Dispose();
                return Poll<Unit>.Ready(Unit.Value);
            })));
        }

        Guard.BlockOn(Future.JoinAll(handles), $"{tasks} tasks on a semaphore (seed {seed})");
        Assert.True(overIssued == 0, $"{overIssued} acquisitions beyond {Permits} permits (seed {seed})");
        Assert.True(semaphore.AvailablePermits == Permits, $"{semaphore.AvailablePermits} of {Permits} permits left (seed {seed})");
    }

    [Fact]
    public void SpawnedSleepsAllCompleteAndLeaveNoEntry()
    {
        var seed = Stress.Seed();
        var random = new Random(seed);
        var count = Stress.Scale(10_000, 100_000);
        var handles = new List<JoinHandle<Unit>>(count);
        for (var i = 0; i < count; i++) handles.Add(Executor.Spawn(Future.Sleep(TimeSpan.FromMilliseconds(random.Next(1, 51)))));
        Assert.Equal(count, Guard.BlockOn(Future.JoinAll(handles), $"{count} spawned sleeps (seed {seed})").Length);
    }

    [Fact]
    public void SpawnedNotifyRelayPassesATokenAroundARing()
    {
        var seed = Stress.Seed();
        const int Ring = 8;
        var laps = Stress.Scale(2_000, 50_000);
        var notifies = new Notify[Ring];
        for (var i = 0; i < Ring; i++) notifies[i] = new Notify();
        var handles = new List<JoinHandle<Unit>>();
        for (var i = 0; i < Ring; i++)
        {
            var me = i;
            var lap = 0;
            IFuture<Unit>? wait = null;
            handles.Add(Executor.Spawn(Future.FromPoll(cx =>
            {
                while (lap < laps)
                {
                    wait ??= notifies[me].Notified();
                    if (wait.Poll(cx).IsPending) return Poll<Unit>.Pending;
                    wait = null;
                    lap++;
                    notifies[(me + 1) % Ring].NotifyOne();
                }

                return Poll<Unit>.Ready(Unit.Value);
            })));
        }

        notifies[0].NotifyOne();
        Guard.BlockOn(Future.JoinAll(handles), $"a notify ring of {Ring} tasks, {laps} laps (seed {seed})");
    }

    // A future that sends 0..count-1 tagged with its producer id, one Send future at a time, then closes its sender.
    private static IFuture<Unit> SendAll(Sender<long> sender, int producer, int count)
    {
        var i = 0;
        IFuture<Unit>? send = null;
        return Future.FromPoll(cx =>
        {
            while (i < count)
            {
                send ??= sender.Send(((long)producer << 32) | (uint)i);
                if (send.Poll(cx).IsPending) return Poll<Unit>.Pending;
                send = null;
                i++;
            }

            sender.Dispose();
            return Poll<Unit>.Ready(Unit.Value);
        });
    }
}
