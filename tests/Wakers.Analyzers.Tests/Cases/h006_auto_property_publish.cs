using System.Collections.Generic;
using Wakers;

namespace Heldout.AutoPropertyPublish;

// The readiness state is an auto-property: Fail sets it and wakes nobody.
public sealed class Request : IFuture<string>
{
    private readonly object _gate = new();
    private readonly List<Waker> _waiters = new();
    public string? Error { get; private set; }
    public string? Body { get; private set; }

    public void Fail(string error)
    {
        lock (_gate) { Error = error; } // expect: WAKE006
    }

    public void Succeed(string body)
    {
        Waker[] ws;
        lock (_gate) { Body = body; ws = _waiters.ToArray(); _waiters.Clear(); }
        foreach (var w in ws) w.Wake();
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_gate)
        {
            if (Error is { } e) return Poll<string>.Ready("error: " + e);
            if (Body is { } b) return Poll<string>.Ready(b);
            _waiters.Add(cx.Waker);
            return Poll<string>.Pending;
        }
    }
}
