using System.Collections.Generic;
using System.Threading;
using Wakers;

namespace Heldout.MonitorWaitQueue;

// A .NET port of a blocking queue turned "async": the poll waits on the monitor until an item arrives.
public sealed class BlockingRecv : IFuture<int>
{
    private readonly object _gate = new();
    private readonly Queue<int> _items = new();

    public void Push(int item)
    {
        lock (_gate) { _items.Enqueue(item); Monitor.PulseAll(_gate); }
    }

    public Poll<int> Poll(Context cx)
    {
        lock (_gate)
        {
            while (_items.Count == 0) Monitor.Wait(_gate); // expect: WAKE007
            return Poll<int>.Ready(_items.Dequeue());
        }
    }
}
