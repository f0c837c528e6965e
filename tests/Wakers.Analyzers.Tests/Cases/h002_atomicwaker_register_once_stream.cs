using System.Collections.Concurrent;
using Wakers;

namespace Heldout.AtomicWakerRegisterOnceStream;

// A stream over a concurrent queue registers with its AtomicWaker only on the first PollNext.
public sealed class Feed : IStream<int>
{
    private readonly ConcurrentQueue<int> _items = new();
    private readonly AtomicWaker _waker = new();
    private bool _registered;

    public void Push(int item)
    {
        _items.Enqueue(item);
        _waker.Wake();
    }

    public Poll<(bool HasItem, int Item)> PollNext(Context cx)
    {
        if (_items.TryDequeue(out var item)) return Poll<(bool, int)>.Ready((true, item));
        if (!_registered)
        {
            _registered = true;
            _waker.Register(cx.Waker); // expect: WAKE002
        }
        if (_items.TryDequeue(out item)) return Poll<(bool, int)>.Ready((true, item));
        return Poll<(bool, int)>.Pending;
    }
}
