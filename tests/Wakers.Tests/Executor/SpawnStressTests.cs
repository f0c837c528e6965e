using System;
using System.Threading;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Executors;

/// <summary>
/// Many tasks woken from several threads at once: each completes exactly once and none loses its wakeup.
/// Sized for a few seconds on two cores; WAKERS_LONG_STRESS=1 runs a larger version. WAKERS_STRESS_SEED replays a seed.
/// </summary>
public class SpawnStressTests
{
    [Fact]
    public void EveryTaskWokenFromOtherThreadsCompletesExactlyOnce()
    {
        var seed = Stress.Seed();
        var taskCount = Stress.Scale(100_000, 1_000_000);
        var wakerThreads = Stress.Threads;
        var futures = new CountdownFuture[taskCount];
        var handles = new JoinHandle<int>[taskCount];
        for (var i = 0; i < taskCount; i++)
        {
            futures[i] = new CountdownFuture(value: i, needed: wakerThreads);
            handles[i] = Executor.Spawn(futures[i]);
        }

        var threads = new Thread[wakerThreads];
        for (var t = 0; t < wakerThreads; t++)
        {
            var random = new Random(seed + t);
            threads[t] = new Thread(() =>
            {
                // Each thread signals every task once, in its own order, with spurious wakes mixed in.
                foreach (var i in Shuffled(taskCount, random))
                {
                    if (random.Next(4) == 0) futures[i].SpuriousWake();
                    futures[i].Signal();
                }
            });
            threads[t].Start();
        }
        foreach (var thread in threads) thread.Join();

        HangGuard.Run(() =>
        {
            for (var i = 0; i < taskCount; i++)
                Assert.True(Executor.BlockOn(handles[i]) == i, $"task {i} returned a wrong value (seed {seed})");
            return 0;
        }, $"joining {taskCount} tasks (a lost wakeup; seed {seed})");

        for (var i = 0; i < taskCount; i++)
            Assert.True(futures[i].ReadyReturns == 1, $"task {i} returned Ready {futures[i].ReadyReturns} times (seed {seed})");
    }

    [Fact]
    public void LocalExecutorTasksWokenFromOtherThreadsAllComplete()
    {
        var seed = Stress.Seed();
        var taskCount = Stress.Scale(20_000, 200_000);
        const int wakerThreads = 2;
        using var executor = new LocalExecutor();
        var futures = new CountdownFuture[taskCount];
        var handles = new JoinHandle<int>[taskCount];
        for (var i = 0; i < taskCount; i++)
        {
            futures[i] = new CountdownFuture(value: i, needed: wakerThreads);
            handles[i] = executor.Spawn(futures[i]);
        }

        var threads = new Thread[wakerThreads];
        for (var t = 0; t < wakerThreads; t++)
        {
            var random = new Random(seed + t);
            threads[t] = new Thread(() =>
            {
                foreach (var i in Shuffled(taskCount, random)) futures[i].Signal();
            });
            threads[t].Start();
        }
        // Runs while the wakes arrive, parking when it is ahead of them.
        HangGuard.Run(() =>
        {
            executor.Run();
            return 0;
        }, $"LocalExecutor.Run over {taskCount} tasks (a lost wakeup; seed {seed})");
        foreach (var thread in threads) thread.Join();

        for (var i = 0; i < taskCount; i++)
        {
            Assert.True(handles[i].IsCompleted, $"task {i} did not complete (seed {seed})");
            Assert.True(futures[i].ReadyReturns == 1, $"task {i} returned Ready {futures[i].ReadyReturns} times (seed {seed})");
        }
    }

    private static int[] Shuffled(int count, Random random)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++) order[i] = i;
        random.Shuffle(order);
        return order;
    }
}
