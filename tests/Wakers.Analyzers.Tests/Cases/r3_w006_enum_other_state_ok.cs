using Wakers;

namespace Heldout3.EnumOtherStateOk;

public enum State { Running, Paused, Stopped }

// Pause and Resume move between states the stop watcher does not wait on; Stop wakes it.
public sealed class Machine : IFuture<Unit>
{
    private readonly object _gate = new();
    private State _state;
    private Waker? _waiter;

    public void Pause() { lock (_gate) { _state = State.Paused; } }
    public void Resume() { lock (_gate) { _state = State.Running; } }

    public void Stop()
    {
        Waker? w;
        lock (_gate) { _state = State.Stopped; w = _waiter; _waiter = null; }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_state == State.Stopped) return Poll<Unit>.Ready(Unit.Value);
            _waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}
