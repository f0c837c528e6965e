using System;
using System.Threading;

namespace Wakers.Sync;

/// <summary>Permits held from a <see cref="AsyncSemaphore"/>; disposing returns them (once).</summary>
public sealed class SemaphorePermit : IDisposable
{
    private AsyncSemaphore? _owner;

    internal SemaphorePermit(AsyncSemaphore owner, int count)
    {
        _owner = owner;
        Count = count;
    }

    /// <summary>How many permits this holds.</summary>
    public int Count { get; }

    /// <summary>Returns the permits to the semaphore. Idempotent.</summary>
    public void Dispose() => Interlocked.Exchange(ref _owner, null)?.Release(Count);
}
