using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;

namespace Wakers.Benchmarks;

/// <summary>The cost of waiting for something already done: <see cref="Executor.BlockOn{T}"/> against a completed Task.</summary>
[MemoryDiagnoser]
public class BlockOnReadyBenchmarks
{
    /// <summary>BlockOn of a future that is Ready on its first poll.</summary>
    [Benchmark]
    public int BlockOnReady() => Executor.BlockOn(new ReadyValue(42));

    /// <summary>The Task equivalent.</summary>
    [Benchmark(Baseline = true)]
    public int TaskFromResult() => Task.FromResult(42).GetAwaiter().GetResult();

    private sealed class ReadyValue : IFuture<int>
    {
        private readonly int _value;

        public ReadyValue(int value) => _value = value;

        public Poll<int> Poll(Context cx) => Poll<int>.Ready(_value);
    }
}
