using Wakers;

namespace Heldout.LocalFunctionPoll;

// A local function used as a PollFn: the "buffer empty" path forgets the waker.
public sealed class Buffer
{
    private readonly object _gate = new();
    private readonly int[] _items = new int[16];
    private int _count;
    private Waker? _reader;

    public void Push(int v)
    {
        Waker? w;
        lock (_gate) { _items[_count++] = v; w = _reader; _reader = null; }
        w?.Wake();
    }

    public IFuture<int> PopAsync()
    {
        Poll<int> PollPop(Context cx)
        {
            lock (_gate)
            {
                if (_count > 0) return Poll<int>.Ready(_items[--_count]);
                return Poll<int>.Pending; // expect: WAKE001
            }
        }
        return Future.FromPoll<int>(PollPop);
    }
}
