using System;
using System.Threading;
using System.Threading.Tasks;
using Wakers;

namespace Heldout.StreamBlockingVariety;

// A stream adapter that blocks the executor in three ways: GetResult on a running task, SpinUntil, and a timed Wait.
public sealed class Lines : IStream<string>
{
    private readonly Func<Task<string?>> _readLine;
    private readonly ManualResetEventSlim _ready = new(false);
    private volatile bool _started;

    public Lines(Func<Task<string?>> readLine) => _readLine = readLine;

    public Poll<(bool HasItem, string Item)> PollNext(Context cx)
    {
        SpinWait.SpinUntil(() => _started); // expect: WAKE007
        _ready.Wait(TimeSpan.FromMilliseconds(50)); // expect: WAKE007
        var line = _readLine().GetAwaiter().GetResult(); // expect: WAKE007
        return line is null ? Poll<(bool, string)>.Ready((false, "")) : Poll<(bool, string)>.Ready((true, line));
    }
}
