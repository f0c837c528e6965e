using Wakers;

namespace Heldout3.EnumSwitchCommand;

public enum Command { Start, Stop }
public enum State { Idle, Running, Stopped }

// A service whose stop is observed by a future; Handle moves the state through a switch without waking.
public sealed class Service : IFuture<Unit>
{
    private readonly object _gate = new();
    private State _state;
    private Waker? _waiter;

    public void Handle(Command command)
    {
        lock (_gate)
        {
            switch (command)
            {
                case Command.Start:
                    _state = State.Running;
                    break;
                case Command.Stop:
                    _state = State.Stopped; // expect: WAKE006
                    break;
            }
        }
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
