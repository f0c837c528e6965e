using System;
using System.Collections.Generic;
using System.Threading;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Robustness;

public class ExecutorAbuseTests
{
    // Kinds of task: throws at once, throws after a yield, finishes after a yield, finishes at once.
    private static IFuture<int> TaskOfKind(int i, Exception error) => (i % 4) switch
    {
        0 => Future.FromPoll<int>(_ => throw error),
        1 => Future.YieldNow().Map<Unit, int>(_ => throw error),
        2 => Future.YieldNow().Map(_ => i),
        _ => Future.Ready(i),
    };

    [Fact]
    public void ThousandsOfThrowingTasksAmongNormalOnesLeaveThePoolWorking()
    {
        var seed = Stress.Seed();
        var count = Stress.Scale(4_000, 100_000);
        var errors = new Exception[count];
        var handles = new JoinHandle<int>[count];
        for (var i = 0; i < count; i++)
        {
            errors[i] = new InvalidOperationException($"task {i} fails");
            handles[i] = Executor.Spawn(TaskOfKind(i, errors[i]));
        }

        Guard.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var handle = handles[i];
                if (i % 4 < 2) Assert.Same(errors[i], Assert.Throws<InvalidOperationException>(() => Executor.BlockOn(handle)));
                else Assert.Equal(i, Executor.BlockOn(handle));
            }

            return 0;
        }, $"waiting for {count} tasks (seed {seed})");

        Assert.Equal(-1, Guard.BlockOn(Executor.Spawn(Future.YieldNow().Map(_ => -1)), "a spawn after the failures"));
    }

    [Fact]
    public void ThousandsOfThrowingTasksOnALocalExecutorLetTheRunFinishEveryOther()
    {
        var count = Stress.Scale(4_000, 100_000);
        using var executor = new LocalExecutor();
        var errors = new Exception[count];
        var handles = new JoinHandle<int>[count];
        for (var i = 0; i < count; i++)
        {
            errors[i] = new InvalidOperationException($"local task {i} fails");
            handles[i] = executor.Spawn(TaskOfKind(i, errors[i]));
        }

        executor.Run();

        Assert.Equal(0, executor.TaskCount);
        for (var i = 0; i < count; i++)
        {
            var waker = new CountingWaker();
            if (i % 4 < 2) Assert.Same(errors[i], Assert.Throws<InvalidOperationException>(() => waker.Poll(handles[i])));
            else Assert.Equal(i, waker.Poll(handles[i]).Value);
        }
    }

    [Fact]
    public void DisposingALocalExecutorWithPendingTasksDisposesEachFutureOnceAndKeepsGoingPastAThrowingDispose()
    {
        var executor = new LocalExecutor();
        var futures = new DisposalProbe[6];
        var handles = new JoinHandle<int>[futures.Length];
        for (var i = 0; i < futures.Length; i++)
        {
            futures[i] = new DisposalProbe(throwOnDispose: i == 2);
            handles[i] = executor.Spawn(futures[i]);
        }

        Assert.Equal(futures.Length, executor.RunUntilStalled());
        executor.Dispose();

        for (var i = 0; i < futures.Length; i++)
        {
            Assert.Equal(1, futures[i].Disposals);
            var waker = new CountingWaker();
            if (i == 2) Assert.Same(futures[i].DisposeError, Assert.Throws<InvalidOperationException>(() => waker.Poll(handles[i])));
            else Assert.Throws<OperationCanceledException>(() => waker.Poll(handles[i]));
        }

        // Late wakes of the aborted tasks' wakers are harmless.
        foreach (var future in futures) future.WakeStored();
        Assert.Equal(0, executor.TaskCount);
    }

    [Fact]
    public void WakingACompletedTaskPollsNothingAndThrowsNothing()
    {
        using var executor = new LocalExecutor();
        var future = new DisposalProbe(throwOnDispose: false);
        var handle = executor.Spawn(future);
        Assert.Equal(1, executor.RunUntilStalled());
        future.Finish(9);
        Assert.Equal(1, executor.RunUntilStalled());
        Assert.Equal(9, new CountingWaker().Poll(handle).Value);
        var polls = future.Polls;

        Guard.RunAll("wakes after completion", () => Hammer(future), () => Hammer(future));

        Assert.Equal(0, executor.RunUntilStalled());
        Assert.Equal(polls, future.Polls);

        // The same on the pool: the late wakes neither throw nor poll (the probe counts any poll after Ready as a violation).
        var pooled = new DisposalProbe(throwOnDispose: false);
        var pooledHandle = Executor.Spawn(pooled);
        Guard.Until(() => pooled.Polls == 1, "the pooled task's first poll");
        pooled.Finish(4);
        Assert.Equal(4, Guard.BlockOn(pooledHandle, "the pooled task"));
        Guard.RunAll("pool wakes after completion", () => Hammer(pooled), () => Hammer(pooled));
        Assert.Equal(0, pooled.PollsAfterReady);

        static void Hammer(DisposalProbe probe)
        {
            for (var i = 0; i < 10_000; i++) probe.WakeStored();
        }
    }

    [Fact]
    public void AbortRacingWakesEndsEveryTaskOnceWithItsFutureDisposedOnce()
    {
        var seed = Stress.Seed();
        var count = Stress.Scale(2_000, 50_000);
        var futures = new DisposalProbe[count];
        var handles = new JoinHandle<int>[count];
        for (var i = 0; i < count; i++)
        {
            futures[i] = new DisposalProbe(throwOnDispose: false);
            handles[i] = Executor.Spawn(futures[i]);
        }

        var stop = 0;
        void Waker(int id)
        {
            var random = new Random(seed + id);
            while (Volatile.Read(ref stop) == 0) futures[random.Next(count)].WakeStored();
        }

        void Aborter()
        {
            var random = new Random(seed);
            var order = new List<int>();
            for (var i = 0; i < count; i++) order.Insert(random.Next(order.Count + 1), i);
            foreach (var i in order)
            {
                // Some tasks complete by themselves while the others are aborted: an abort must never lose a result.
                if (i % 3 == 0) futures[i].Finish(i);
                else handles[i].Abort();
            }

            Volatile.Write(ref stop, 1);
        }

        Guard.RunAll($"abort racing wakes (seed {seed})", () => Waker(1), () => Waker(2), Aborter);

        Guard.Run(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var handle = handles[i];
                if (i % 3 == 0)
                {
                    Assert.True(Executor.BlockOn(handle) == i, $"task {i} returned a wrong value (seed {seed})");
                    Assert.True(futures[i].Disposals == 0, $"task {i} completed but its future was disposed (seed {seed})");
                }
                else
                {
                    var error = Record.Exception(() => Executor.BlockOn(handle));
                    Assert.True(error is OperationCanceledException, $"aborted task {i} ended with {error?.GetType().Name ?? "a value"} (seed {seed})");
                    // Aborted before its first poll or after: disposed exactly once either way.
                    Assert.True(futures[i].Disposals == 1, $"aborted task {i}'s future was disposed {futures[i].Disposals} times (seed {seed})");
                }

                Assert.True(futures[i].PollsAfterDispose == 0 && futures[i].PollsAfterReady == 0,
                    $"task {i} was polled after Dispose or after Ready (seed {seed})");
            }

            return 0;
        }, $"waiting for {count} finished or aborted tasks (seed {seed})");
    }

    /// <summary>
    /// Pending until <see cref="Finish"/>; stores its latest waker (register, then re-check); counts polls, disposals and
    /// any poll that comes after Ready or after Dispose (which an executor must never do).
    /// </summary>
    private sealed class DisposalProbe : IFuture<int>, IDisposable
    {
        private readonly bool _throwOnDispose;
        private readonly AtomicWaker _waker = new();
        private int _value = -1;
        private int _polls;
        private int _disposals;
        private int _ready;
        private int _pollsAfterReady;
        private int _pollsAfterDispose;

        public DisposalProbe(bool throwOnDispose) => _throwOnDispose = throwOnDispose;

        public InvalidOperationException DisposeError { get; } = new("Dispose is broken");

        public int Polls => Volatile.Read(ref _polls);

        public int Disposals => Volatile.Read(ref _disposals);

        public int PollsAfterReady => Volatile.Read(ref _pollsAfterReady);

        public int PollsAfterDispose => Volatile.Read(ref _pollsAfterDispose);

        public void Finish(int value)
        {
            Volatile.Write(ref _value, value);
            _waker.Wake();
        }

        /// <summary>Wakes the stored waker without taking it, like a spurious or late wake.</summary>
        public void WakeStored()
        {
            var waker = _waker.Take();
            if (waker is null) return;
            waker.Wake();
            _waker.Register(waker);
        }

        public Poll<int> Poll(Context cx)
        {
            Interlocked.Increment(ref _polls);
            if (Volatile.Read(ref _ready) != 0) Interlocked.Increment(ref _pollsAfterReady);
            if (Volatile.Read(ref _disposals) != 0) Interlocked.Increment(ref _pollsAfterDispose);
            if (Volatile.Read(ref _value) >= 0) return Ready();
            _waker.Register(cx.Waker);
            return Volatile.Read(ref _value) >= 0 ? Ready() : Poll<int>.Pending;
        }

        public void Dispose()
        {
            Interlocked.Increment(ref _disposals);
            if (_throwOnDispose) throw DisposeError;
        }

        private Poll<int> Ready()
        {
            Volatile.Write(ref _ready, 1);
            return Poll<int>.Ready(Volatile.Read(ref _value));
        }
    }
}
