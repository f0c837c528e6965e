using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE002;

/// <summary>Wakers stored once and never refreshed on a later poll.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task NullChecksAndCoalesceAssignment() => Verify.Diagnostics<StaleWakerAnalyzer>("""
        using Wakers;

        public sealed class Signal : IFuture<Unit>
        {
            private readonly object _gate = new();
            private bool _fired;
            private Waker? _waker;

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker == null)
                        [|_waker = cx.Waker|];
                    return Poll<Unit>.Pending;
                }
            }

            public Poll<Unit> PollIsNull(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is null) { [|_waker = cx.Waker|]; }
                    return Poll<Unit>.Pending;
                }
            }

            public Poll<Unit> PollCoalesce(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    [|_waker ??= cx.Waker|];
                    return Poll<Unit>.Pending;
                }
            }

            public Poll<Unit> PollEarlyReturn(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is not null) return Poll<Unit>.Pending;
                    [|_waker = cx.Waker|];
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task RegisteredFlags() => Verify.Diagnostics<StaleWakerAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Ready : IFuture<Unit>
        {
            private readonly AtomicWaker _waker = new();
            private bool _registered;
            private int _once;
            private int _ready;

            public Poll<Unit> Poll(Context cx)
            {
                if (!_registered)
                {
                    [|_waker.Register(cx.Waker)|];
                    _registered = true;
                }
                if (Volatile.Read(ref _ready) == 1) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollInterlocked(Context cx)
            {
                if (Interlocked.CompareExchange(ref _once, 1, 0) == 0)
                {
                    [|_waker.Register(cx.Waker)|];
                }
                if (Volatile.Read(ref _ready) == 1) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task InvertedWillWakeAndHelpers() => Verify.Diagnostics<StaleWakerAnalyzer>("""
        using Wakers;

        public sealed class Reply : IFuture<string>
        {
            private readonly object _gate = new();
            private string? _text;
            private Waker? _waiter;

            public Poll<string> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    if (_waiter is null || _waiter.WillWake(cx.Waker))
                        [|_waiter = cx.Waker|];
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollHelper(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    if (_waiter is null) [|Remember(cx.Waker)|];
                    return Poll<string>.Pending;
                }
            }

            private void Remember(Waker w) => _waiter = w;
        }
        """);

    [Fact]
    public Task WakerCapturedWhenTheFutureIsSetUp() => Verify.Diagnostics<StaleWakerAnalyzer>("""
        using Wakers;

        public sealed class Timer : IFuture<Unit>
        {
            private Waker? _waker;
            private volatile bool _elapsed;

            public Timer(Waker waker) { [|_waker = waker|]; }

            public void Elapse() { _elapsed = true; _waker?.Wake(); }

            public Poll<Unit> Poll(Context cx) => _elapsed ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
        }

        public sealed class Started : IFuture<Unit>
        {
            private Waker? _waker;
            private volatile bool _done;

            public void Start(Context cx) { [|_waker = cx.Waker|]; }

            public void Finish() { _done = true; _waker?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (_done) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task GuardInsideAHelperIsReportedAtTheCall() => Verify.Diagnostics<StaleWakerAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Reply
        {
            private readonly object _gate = new();
            private readonly List<Waker> _list = new();
            private string? _text;
            private Waker? _waiter;
            private bool _registered;

            public void Complete(string text) { lock (_gate) _text = text; }

            public Poll<string> PollA(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    [|Remember(cx.Waker)|];
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollB(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    [|Keep(cx)|];
                    return Poll<string>.Pending;
                }
            }

            private void Remember(Waker w) { if (_waiter is null) _waiter = w; }
            private void Keep(Context cx) { if (!_registered) { _registered = true; _list.Add(cx.Waker); } }
        }
        """);

    [Fact]
    public Task StoresThatOnlyFillAnEmptySlot() => Verify.Diagnostics<StaleWakerAnalyzer>("""
        using System.Collections.Concurrent;
        using System.Threading;
        using Wakers;

        public sealed class Table
        {
            private readonly ConcurrentDictionary<int, Waker> _waiters = new();
            private readonly ConcurrentDictionary<int, bool> _done = new();
            private Waker? _single;
            private volatile bool _fired;

            public Poll<Unit> PollFor(int id, Context cx)
            {
                if (_done.ContainsKey(id)) return Poll<Unit>.Ready(Unit.Value);
                [|_waiters.TryAdd(id, cx.Waker)|];
                if (_done.ContainsKey(id)) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollOne(Context cx)
            {
                if (_fired) return Poll<Unit>.Ready(Unit.Value);
                [|Interlocked.CompareExchange(ref _single, cx.Waker, null)|];
                if (_fired) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollOk(int id, Context cx)
            {
                if (_done.ContainsKey(id)) return Poll<Unit>.Ready(Unit.Value);
                _waiters[id] = cx.Waker;
                if (_done.ContainsKey(id)) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);
}
