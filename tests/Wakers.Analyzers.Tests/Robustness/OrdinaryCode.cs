namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Ordinary C# with the runtime referenced and names that look like futures, but no poll method.</summary>
public static class OrdinaryCode
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        namespace Ordinary;

        // 'Poll' and 'Context' as ordinary words: a survey, a voting poll, a request context.
        public sealed class RequestContext { public string? User; public CancellationToken Token; }

        public sealed class VotingPoll
        {
            private readonly Dictionary<string, int> _votes = new();
            private readonly object _gate = new();
            private bool _closed;

            public bool Poll(RequestContext context, string choice)
            {
                lock (_gate)
                {
                    if (_closed) return false;
                    _votes[choice] = _votes.TryGetValue(choice, out var n) ? n + 1 : 1;
                    Monitor.PulseAll(_gate);
                    return true;
                }
            }

            public void WaitForVotes(int count)
            {
                lock (_gate)
                {
                    while (Total() < count) Monitor.Wait(_gate);
                }
            }

            public void Close() { lock (_gate) { _closed = true; _votes.Clear(); } }

            private int Total() { var t = 0; foreach (var v in _votes.Values) t += v; return t; }
        }

        // Blocking is fine outside poll methods.
        public static class Blocking
        {
            public static int Download(Task<int> task)
            {
                Thread.Sleep(1);
                task.Wait();
                using var gate = new SemaphoreSlim(1);
                gate.Wait();
                return task.Result + task.GetAwaiter().GetResult();
            }
        }

        // The runtime's types used outside any poll method: results built ahead, a future driven by hand.
        public static class Drivers
        {
            public static Poll<int> Done(int value) => Poll<int>.Ready(value);

            public static Poll<int> NotYet() => Poll<int>.Pending;

            public static void Describe(Context cx) => Console.WriteLine(cx.Waker.GetType().Name);

            // Polling a parameter with a no-op waker outside poll methods is fine (a NowOrNever).
            public static bool NowOrNever<T>(IFuture<T> future, out T value)
            {
                var r = future.Poll(new Context(Waker.Noop));
                value = r.IsReady ? r.Value : default!;
                return r.IsReady;
            }

            public static T Spin<T>(IFuture<T> future)
            {
                var cx = new Context(Waker.Noop);
                while (true)
                {
                    var r = future.Poll(cx);
                    if (r.IsReady) return r.Value;
                    Thread.Yield();
                }
            }
        }

        public record Order(int Id, decimal Total)
        {
            public Order Discounted(decimal percent) => this with { Total = Total * (1 - percent / 100) };
        }

        public sealed class Cache<TKey, TValue> where TKey : notnull
        {
            private readonly Dictionary<TKey, TValue> _items = new();
            private readonly ReaderWriterLockSlim _lock = new();

            public TValue GetOrAdd(TKey key, Func<TKey, TValue> create)
            {
                _lock.EnterUpgradeableReadLock();
                try
                {
                    if (_items.TryGetValue(key, out var v)) return v;
                    _lock.EnterWriteLock();
                    try { return _items[key] = create(key); }
                    finally { _lock.ExitWriteLock(); }
                }
                finally { _lock.ExitUpgradeableReadLock(); }
            }

            public async Task<TValue> GetOrAddAsync(TKey key, Func<TKey, Task<TValue>> create)
            {
                if (_items.TryGetValue(key, out var v)) return v;
                var created = await create(key).ConfigureAwait(false);
                lock (_items) _items[key] = created;
                return created;
            }
        }
        """;
}
