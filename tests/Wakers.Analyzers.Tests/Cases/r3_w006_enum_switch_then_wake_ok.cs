using Wakers;

namespace Heldout3.EnumSwitchThenWakeOk;

public enum Command { Start, Stop }
public enum State { Idle, Running, Stopped }

// Handle changes the state in a switch and wakes the observer once after it.
public sealed class Service : IFuture<Unit>
{
    private readonly object _gate = new();
    private State _state;
    private Waker? _waiter;

    public void Handle(Command command)
    {
        Waker? w;
        lock (_gate)
        {
            switch (command)
            {
                case Command.Start:
                    _state = State.Running;
                    break;
                case Command.Stop:
                    _state = State.Stopped;
                    break;
            }
            w = _waiter;
            _waiter = null;
        }
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
