using System;
using System.Threading;

namespace Wakers.Tests.Robustness;

/// <summary>A broken waker: each <see cref="Wake"/> counts, then throws <see cref="Error"/> (one instance per waker, so a test can find its own report).</summary>
internal sealed class ThrowingWaker : Waker
{
    private int _wakes;

    public ThrowingWaker(string name) => Error = new InvalidOperationException($"waker {name} is broken");

    public InvalidOperationException Error { get; }

    public int WakeCount => Volatile.Read(ref _wakes);

    public override void Wake()
    {
        Interlocked.Increment(ref _wakes);
        throw Error;
    }

    /// <summary>Polls <paramref name="future"/> once with this waker.</summary>
    public Poll<T> Poll<T>(IFuture<T> future) => future.Poll(new Context(this));

    /// <summary>Polls <paramref name="stream"/> once with this waker.</summary>
    public Poll<(bool HasItem, T Item)> PollNext<T>(IStream<T> stream) => stream.PollNext(new Context(this));
}
