using System.Collections.Generic;
using Wakers;

namespace Heldout2.PausedReceiver;

// An mpsc receiver that can be paused: while paused it answers Pending without leaving its waker,
// so Resume wakes nobody (or a waker of a poll long gone).
public sealed class Channel<T>
{
    private readonly object _gate = new();
    private readonly Queue<T> _items = new();
    private bool _paused;
    private Waker? _rx;

    public void Send(T item)
    {
        Waker? w;
        lock (_gate) { _items.Enqueue(item); w = _rx; _rx = null; }
        w?.Wake();
    }

    public void Pause()
    {
        lock (_gate) { _paused = true; }
    }

    public void Resume()
    {
        Waker? w;
        lock (_gate) { _paused = false; w = _rx; _rx = null; }
        w?.Wake();
    }

    public Poll<T> PollRecv(Context cx)
    {
        lock (_gate)
        {
            if (_paused) return Poll<T>.Pending; // expect: WAKE001
            if (_items.TryDequeue(out var item)) return Poll<T>.Ready(item);
            _rx = cx.Waker;
            return Poll<T>.Pending;
        }
    }
}
