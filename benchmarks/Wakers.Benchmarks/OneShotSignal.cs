using System.Threading;

namespace Wakers.Benchmarks;

/// <summary>A one-shot flag as a future, set from another thread: the future side of the spawn + wake benchmark.</summary>
public sealed class OneShotSignal : IFuture<int>
{
    private readonly AtomicWaker _waker = new();
    private int _value;

    /// <summary>Publishes <paramref name="value"/> (non-zero), then wakes the waiting task.</summary>
    public void Set(int value)
    {
        Volatile.Write(ref _value, value);
        _waker.Wake();
    }

    /// <inheritdoc />
    public Poll<int> Poll(Context cx)
    {
        var value = Volatile.Read(ref _value);
        if (value != 0) return Poll<int>.Ready(value);
        _waker.Register(cx.Waker);
        value = Volatile.Read(ref _value);
        return value != 0 ? Poll<int>.Ready(value) : Poll<int>.Pending;
    }
}
