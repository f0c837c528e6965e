using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Wakers.Benchmarks;

/// <summary>
/// Spawn, wake, and join from a thread that blocks while the task is still running: <see cref="Executor.BlockOn{T}"/>
/// parks the thread without spinning, where a Task's <c>GetResult</c> spins before it blocks. On a virtual machine
/// waking a parked thread costs tens of microseconds, and this benchmark shows that price.
/// </summary>
[MemoryDiagnoser]
public class JoinBenchmarks
{
    /// <summary>BlockOn of a handle whose task is still waiting for its wake.</summary>
    [Benchmark]
    public int SpawnWakeBlockOn()
    {
        var signal = new OneShotSignal();
        var handle = Executor.Spawn(signal);
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Set(1), signal, preferLocal: false);
        return Executor.BlockOn(handle);
    }

    /// <summary>The same with tasks, joined by <c>GetAwaiter().GetResult()</c>.</summary>
    [Benchmark(Baseline = true)]
    public int TaskRunTcsGetResult()
    {
        var source = new TaskCompletionSource<int>();
        var task = Task.Run(() => SpawnWakeBenchmarks.AwaitSource(source));
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.SetResult(1), source, preferLocal: false);
        return task.GetAwaiter().GetResult();
    }
}
