using System.Threading;
using Wakers;

namespace Heldout.HelperPark;

// The check and the store are split: Park stores the waker, and nothing looks at the state again.
public sealed class Oneshot : IFuture<string>
{
    private string? _value;
    private Waker? _rx;

    public void Send(string value)
    {
        Volatile.Write(ref _value, value);
        Volatile.Read(ref _rx)?.Wake();
    }

    public Poll<string> Poll(Context cx)
    {
        var v = Volatile.Read(ref _value);
        if (v is not null) return Poll<string>.Ready(v);
        Park(cx.Waker); // expect: WAKE004
        return Poll<string>.Pending;
    }

    private void Park(Waker waker) => Volatile.Write(ref _rx, waker);
}
