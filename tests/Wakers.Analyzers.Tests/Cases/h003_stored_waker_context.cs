using Wakers;

namespace Heldout.StoredWakerContext;

public sealed class Supervisor : IFuture<Unit>
{
    private readonly object _gate = new();
    private bool _stopped;
    public Waker? LastWaker;

    public void Stop()
    {
        Waker? w;
        lock (_gate) { _stopped = true; w = LastWaker; LastWaker = null; }
        w?.Wake();
    }

    public Poll<Unit> Poll(Context cx)
    {
        lock (_gate)
        {
            if (_stopped) return Poll<Unit>.Ready(Unit.Value);
            LastWaker = cx.Waker;
            return Poll<Unit>.Pending;
        }
    }
}

// A worker future polls its job with the supervisor task's stored waker instead of its own task's.
public sealed class Worker : IFuture<int>
{
    private readonly IFuture<int> _job;
    private readonly Supervisor _supervisor;

    public Worker(IFuture<int> job, Supervisor supervisor) { _job = job; _supervisor = supervisor; }

    public Poll<int> Poll(Context cx)
    {
        var w = _supervisor.LastWaker!;
        return _job.Poll(new Context(w)); // expect: WAKE003
    }
}
