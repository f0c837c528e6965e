using Wakers;

namespace Heldout3.SwitchExpressionState;

public enum Command { Pause, Resume, Stop }
public enum State { Running, Paused, Stopped }

// Apply computes the next state with a switch expression and never wakes the stop watcher.
public sealed class Machine : IFuture<Unit>
{
    private readonly object _gate = new();
    private State _state;
    private Waker? _waiter;

    public void Apply(Command command)
    {
        lock (_gate)
        {
            _state = command switch // expect: WAKE006
            {
                Command.Pause => State.Paused,
                Command.Resume => State.Running,
                _ => State.Stopped,
            };
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
