using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Wakers.Benchmarks;

/// <summary>
/// Spawn a task that waits for a signal, set it from a thread-pool work item, and wait for the task to complete:
/// <see cref="Executor.Spawn{T}"/> with a waker against <c>Task.Run</c> awaiting a <see cref="TaskCompletionSource{TResult}"/>.
/// </summary>
[MemoryDiagnoser]
public class SpawnWakeBenchmarks
{
    private const int Batch = 1000;
    private readonly OneShotSignal[] _signals = new OneShotSignal[Batch];
    private readonly JoinHandle<int>[] _handles = new JoinHandle<int>[Batch];
    private readonly TaskCompletionSource<int>[] _sources = new TaskCompletionSource<int>[Batch];
    private readonly Task<int>[] _tasks = new Task<int>[Batch];

    /// <summary>
    /// One task: spawn, wake from the pool, and wait until it completed. The wait is the benchmark's own and the same
    /// on both sides (<see cref="Completion"/>), so this measures the spawn + wake path, not how a join blocks
    /// (that is <see cref="JoinBenchmarks"/>).
    /// </summary>
    [Benchmark]
    public int SpawnAndWake()
    {
        var signal = new OneShotSignal();
        var handle = Executor.Spawn(signal);
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.Set(1), signal, preferLocal: false);
        Completion.SpinUntil(handle);
        return Executor.BlockOn(handle);
    }

    /// <summary>The same with tasks: <c>Task.Run</c> awaiting a TaskCompletionSource that a pool work item completes.</summary>
    [Benchmark(Baseline = true)]
    public int TaskRunAndTcs()
    {
        var source = new TaskCompletionSource<int>();
        var task = Task.Run(() => AwaitSource(source));
        ThreadPool.UnsafeQueueUserWorkItem(static s => s.SetResult(1), source, preferLocal: false);
        Completion.SpinUntil(task);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>A thousand tasks spawned, woken by one pool work item, then joined: the executor's throughput.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int SpawnAndWakeBatch()
    {
        for (var i = 0; i < Batch; i++) _handles[i] = Executor.Spawn(_signals[i] = new OneShotSignal());
        ThreadPool.UnsafeQueueUserWorkItem(static signals =>
        {
            foreach (var signal in signals) signal.Set(1);
        }, _signals, preferLocal: false);
        var sum = 0;
        foreach (var handle in _handles) sum += Executor.BlockOn(handle);
        return sum;
    }

    /// <summary>The batch with tasks.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int TaskRunAndTcsBatch()
    {
        for (var i = 0; i < Batch; i++)
        {
            var source = _sources[i] = new TaskCompletionSource<int>();
            _tasks[i] = Task.Run(() => AwaitSource(source));
        }
        ThreadPool.UnsafeQueueUserWorkItem(static sources =>
        {
            foreach (var source in sources) source.SetResult(1);
        }, _sources, preferLocal: false);
        var sum = 0;
        foreach (var task in _tasks) sum += task.GetAwaiter().GetResult();
        return sum;
    }

    internal static async Task<int> AwaitSource(TaskCompletionSource<int> source) => await source.Task;
}
