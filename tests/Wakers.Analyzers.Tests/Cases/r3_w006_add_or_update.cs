using System.Collections.Concurrent;
using Wakers;

namespace Heldout3.AddOrUpdate;

// Latest quote per symbol: Publish updates the map and never wakes the watcher.
public sealed class QuoteWatch : IFuture<decimal>
{
    private readonly ConcurrentDictionary<string, decimal> _quotes = new();
    private readonly AtomicWaker _waiter = new();
    private readonly string _symbol;

    public QuoteWatch(string symbol) => _symbol = symbol;

    public void Publish(string symbol, decimal price)
    {
        _quotes.AddOrUpdate(symbol, price, (_, _) => price); // expect: WAKE006
    }

    public Poll<decimal> Poll(Context cx)
    {
        _waiter.Register(cx.Waker);
        return _quotes.TryGetValue(_symbol, out var p) ? Poll<decimal>.Ready(p) : Poll<decimal>.Pending;
    }
}
