using Wakers;

namespace LostWakeups;

/// <summary>Completes with the inner future's value, or with the fallback when the deadline comes first.</summary>
public sealed class WithDeadline<T> : IFuture<T>
{
    private readonly IFuture<T> _inner;
    private readonly IFuture<Unit> _deadline;
    private readonly T _fallback;

    public WithDeadline(IFuture<T> inner, IFuture<Unit> deadline, T fallback)
    {
        _inner = inner;
        _deadline = deadline;
        _fallback = fallback;
    }

    public Poll<T> Poll(Context cx)
    {
        var inner = _inner.Poll(cx); // both inner futures wake this task
        if (inner.IsReady) return inner;
        if (_deadline.Poll(cx).IsReady) return Poll<T>.Ready(_fallback);
        return Poll<T>.Pending;
    }
}

/// <summary>The deadline whose inner future is polled with a no-op waker: its wakeup reaches nobody.</summary>
public sealed class DeafDeadline<T> : IFuture<T>
{
    private readonly IFuture<T> _inner;
    private readonly IFuture<Unit> _deadline;
    private readonly T _fallback;

    public DeafDeadline(IFuture<T> inner, IFuture<Unit> deadline, T fallback)
    {
        _inner = inner;
        _deadline = deadline;
        _fallback = fallback;
    }

    public Poll<T> Poll(Context cx)
    {
        var inner = _inner.Poll(new Context(Waker.Noop)); // BUG WAKE003: polled with a foreign (no-op) waker
        if (inner.IsReady) return inner;
        if (_deadline.Poll(cx).IsReady) return Poll<T>.Ready(_fallback);
        return Poll<T>.Pending;
    }
}

/// <summary>The deadline that drives its inner future but throws the answer away.</summary>
public sealed class ForgetfulDeadline<T> : IFuture<T>
{
    private readonly IFuture<T> _inner;
    private readonly IFuture<Unit> _deadline;
    private readonly T _fallback;

    public ForgetfulDeadline(IFuture<T> inner, IFuture<Unit> deadline, T fallback)
    {
        _inner = inner;
        _deadline = deadline;
        _fallback = fallback;
    }

    public Poll<T> Poll(Context cx)
    {
        _inner.Poll(cx); // BUG WAKE008: the inner result, Ready or not, is thrown away
        if (_deadline.Poll(cx).IsReady) return Poll<T>.Ready(_fallback);
        return Poll<T>.Pending;
    }
}
