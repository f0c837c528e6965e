using System.Collections.Generic;
using Wakers;

namespace Heldout3.ListAddBatch;

// Collects a batch of items; Push adds to the list, and a full batch is never announced.
public sealed class Batch : IFuture<List<int>>
{
    private readonly object _gate = new();
    private readonly List<int> _items = new();
    private Waker? _waiter;

    public void Push(int item)
    {
        lock (_gate)
        {
            _items.Add(item); // expect: WAKE006
        }
    }

    public Poll<List<int>> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_items.Count >= 8) return Poll<List<int>>.Ready(new List<int>(_items));
            _waiter = cx.Waker;
            return Poll<List<int>>.Pending;
        }
    }
}
