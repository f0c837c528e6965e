namespace Wakers.Combinators;

/// <summary>The future of <c>Future.Ready</c>: Ready with its value at the first poll.</summary>
internal sealed class ReadyFuture<T> : IFuture<T>
{
    private readonly T _value;
    private bool _done;

    internal ReadyFuture(T value) => _value = value;

    public Poll<T> Poll(Context cx)
    {
        if (_done) throw FutureDisposal.PolledAfterCompletion("ready");
        _done = true;
        return Poll<T>.Ready(_value);
    }
}
