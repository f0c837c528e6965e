using Wakers;

namespace Heldout.ResultLocalReturned;

// The poll builds its answer in a local that starts as Pending and returns it: the not-ready path has no registration.
public sealed class Load : IFuture<byte[]>
{
    private volatile byte[]? _data;
    private Waker? _waiter;

    public void Loaded(byte[] data)
    {
        _data = data;
        _waiter?.Wake();
    }

    public Poll<byte[]> Poll(Context cx)
    {
        var result = Poll<byte[]>.Pending;
        if (_data is { } d) result = Poll<byte[]>.Ready(d);
        return result; // expect: WAKE001
    }
}
