using System.Threading;

namespace Wakers.Tests.Polling;

/// <summary>A waker that counts its wakes, so a test can check that a Pending poll registered it.</summary>
internal sealed class CountingWaker : Waker
{
    private int _wakes;

    public int WakeCount => Volatile.Read(ref _wakes);

    public override void Wake() => Interlocked.Increment(ref _wakes);

    /// <summary>Polls <paramref name="future"/> once with this waker.</summary>
    public Poll<T> Poll<T>(IFuture<T> future) => future.Poll(new Context(this));

    /// <summary>Polls <paramref name="stream"/> once with this waker.</summary>
    public Poll<(bool HasItem, T Item)> PollNext<T>(IStream<T> stream) => stream.PollNext(new Context(this));
}
