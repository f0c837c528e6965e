using System.Collections.Concurrent;
using System.Threading;
using Wakers;

namespace Heldout2.SpinUntilAndTake;

// A stream over a BlockingCollection that "waits a bit" for the producer to start, then takes.
public sealed class Pump : IStream<string>
{
    private readonly BlockingCollection<string> _lines;
    private volatile bool _started;

    public Pump(BlockingCollection<string> lines) => _lines = lines;

    public void Start() => _started = true;

    public Poll<(bool HasItem, string Item)> PollNext(Context cx)
    {
        SpinWait.SpinUntil(() => _started, 100); // expect: WAKE007
        if (_lines.IsCompleted) return Poll<(bool, string)>.Ready((false, ""));
        return Poll<(bool, string)>.Ready((true, _lines.Take())); // expect: WAKE007
    }
}
