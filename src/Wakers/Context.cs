using System;

namespace Wakers;

/// <summary>
/// What a poll receives: the <see cref="Wakers.Waker"/> of the task polling it. A <c>ref struct</c>, so it cannot be
/// stored; a future that returns Pending stores <see cref="Waker"/> instead.
/// </summary>
public readonly ref struct Context
{
    private readonly Waker _waker;

    /// <summary>A context around <paramref name="waker"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="waker"/> is null.</exception>
    public Context(Waker waker) => _waker = waker ?? throw new ArgumentNullException(nameof(waker));

    /// <summary>The waker of the polling task; a future that returns Pending must arrange for it to be woken.</summary>
    public Waker Waker => _waker ?? Waker.Noop;
}
