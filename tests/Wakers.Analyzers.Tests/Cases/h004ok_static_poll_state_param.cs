using Wakers;

namespace Heldout.StaticPollStateParamOk;

public sealed class State
{
    public readonly object Gate = new();
    public bool Done;
    public Waker? Waiter;
}

// A static poll helper over an explicit state object: check and store happen under the state's lock.
public static class Ops
{
    public static Poll<Unit> PollDone(State s, Context cx)
    {
        lock (s.Gate)
        {
            if (s.Done) return Poll<Unit>.Ready(Unit.Value);
            s.Waiter = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }

    public static void Complete(State s)
    {
        Waker? w;
        lock (s.Gate) { s.Done = true; w = s.Waiter; s.Waiter = null; }
        w?.Wake();
    }
}
