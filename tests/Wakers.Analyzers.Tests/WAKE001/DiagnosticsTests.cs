using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE001;

/// <summary>Poll methods with a path that returns Pending and registers nothing.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task ReturnsPendingAfterAReadinessCheck() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            public void Release() => _released = true;

            public Poll<Unit> Poll(Context cx)
            {
                if (_released) return Poll<Unit>.Ready(Unit.Value);
                [|return Poll<Unit>.Pending;|]
            }
        }
        """);

    [Fact]
    public Task EveryShapeOfPending() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Countdown
        {
            private int _left;

            public Poll<int> PollDefault(Context cx)
            {
                if (_left <= 0) return Poll<int>.Ready(0);
                [|return default;|]
            }

            public Poll<int> PollDefaultOfT(Context cx)
            {
                if (_left <= 0) return Poll<int>.Ready(0);
                [|return default(Poll<int>);|]
            }

            public Poll<int> PollNew(Context cx)
            {
                if (_left <= 0) return Poll<int>.Ready(0);
                [|return new Poll<int>();|]
            }

            public Poll<int> PollLocal(Context cx)
            {
                var result = Poll<int>.Pending;
                if (_left <= 0) result = Poll<int>.Ready(0);
                [|return result;|]
            }
        }
        """);

    [Fact]
    public Task ExpressionBodiesReportTheBody() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            private int _state;

            public Poll<Unit> Poll(Context cx) => [|_released ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending|];

            public Poll<int> PollState(Context cx) => [|_state switch
            {
                0 => Poll<int>.Ready(0),
                1 => Poll<int>.Ready(1),
                _ => Poll<int>.Pending,
            }|];

            public static PollFn<int> Lambda(Latch latch) => cx => [|latch._state > 0 ? Poll<int>.Ready(1) : Poll<int>.Pending|];
        }
        """);

    [Fact]
    public Task LambdasAndLocalFunctions() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Box { public int? Value; public Waker? Waiter; }

        public static class Polls
        {
            public static PollFn<int> Forgetful(Box box) => cx =>
            {
                if (box.Value is int v) return Poll<int>.Ready(v);
                [|return Poll<int>.Pending;|]
            };

            public static PollFn<int> LocalFunction(Box box)
            {
                return Run;

                Poll<int> Run(Context cx)
                {
                    if (box.Value is int v) return Poll<int>.Ready(v);
                    [|return Poll<int>.Pending;|]
                }
            }
        }
        """);

    [Fact]
    public Task HelpersThatOnlyLookAtTheWaker() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System;
        using System.Diagnostics;
        using Wakers;

        public sealed class Gate : IFuture<Unit>
        {
            private readonly object _lock = new();
            private bool _open;
            private Waker? _waiter;

            public Poll<Unit> Poll(Context cx)
            {
                lock (_lock)
                {
                    if (_open) return Poll<Unit>.Ready(Unit.Value);
                    RegisterWaiter(cx.Waker);
                    [|return Poll<Unit>.Pending;|]
                }
            }

            public Poll<Unit> PollTwoDeep(Context cx)
            {
                lock (_lock)
                {
                    if (_open) return Poll<Unit>.Ready(Unit.Value);
                    Trace(cx);
                    [|return Poll<Unit>.Pending;|]
                }
            }

            public Poll<Unit> PollCompareOnly(Context cx)
            {
                lock (_lock)
                {
                    if (_open) return Poll<Unit>.Ready(Unit.Value);
                    if (_waiter is not null && _waiter.WillWake(cx.Waker)) Console.WriteLine("same task");
                    var w = cx.Waker;
                    [|return Poll<Unit>.Pending;|]
                }
            }

            private void RegisterWaiter(Waker waker) => Console.WriteLine($"waiting: {waker.GetType().Name}");
            private void Trace(Context cx) => Log(cx.Waker);
            private static void Log(Waker w) => Debug.WriteLine(w.ToString());
        }
        """);

    [Fact]
    public Task OneBranchForgets() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Receive : IFuture<int>
        {
            private readonly object _gate = new();
            private readonly Queue<int> _items = new();
            private bool _senderBusy;
            private Waker? _receiver;

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_items.Count > 0) return Poll<int>.Ready(_items.Dequeue());
                    if (_senderBusy)
                    {
                        [|return Poll<int>.Pending;|]
                    }
                    _receiver = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task TheInnerPollWasReadyOnThisPath() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Then<T, U> : IFuture<U>
        {
            private readonly IFuture<T> _first;
            private readonly Func<T, IFuture<U>> _next;
            private IFuture<U>? _second;
            public Then(IFuture<T> first, Func<T, IFuture<U>> next) { _first = first; _next = next; }

            public Poll<U> Poll(Context cx)
            {
                if (_second is null)
                {
                    var r = _first.Poll(cx);
                    if (r.IsPending) return Poll<U>.Pending;
                    _second = _next(r.Value);
                    [|return Poll<U>.Pending;|]
                }
                return _second.Poll(cx);
            }

            public Poll<U> PollTry(Context cx)
            {
                if (_first.Poll(cx).TryGetValue(out var v))
                {
                    _second = _next(v);
                    [|return Poll<U>.Pending;|]
                }
                return Poll<U>.Pending;
            }
        }
        """);

    [Fact]
    public Task StateMachineInALoop() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Pipe { public volatile bool Flushed; }

        public sealed class Handshake : IFuture<bool>
        {
            private int _state;
            private readonly IFuture<bool> _connect;
            private readonly Pipe _pipe;
            public Handshake(IFuture<bool> connect, Pipe pipe) { _connect = connect; _pipe = pipe; }

            public Poll<bool> Poll(Context cx)
            {
                while (true)
                {
                    switch (_state)
                    {
                        case 0:
                        {
                            var c = _connect.Poll(cx);
                            if (c.IsPending) return Poll<bool>.Pending;
                            _state = 1;
                            break;
                        }
                        case 1:
                            if (!_pipe.Flushed) [|return Poll<bool>.Pending;|]
                            _state = 2;
                            break;
                        default:
                            return Poll<bool>.Ready(true);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task TryFinallyTryCatchAndLocks() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System;
        using System.Threading;
        using Wakers;

        public sealed class Once : IFuture<string>
        {
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private string? _value;
            private Waker? _waker;

            public Poll<string> Poll(Context cx)
            {
                Monitor.Enter(_gate);
                try
                {
                    if (_value is not null) return Poll<string>.Ready(_value);
                    [|return Poll<string>.Pending;|]
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
            }

            public Poll<string> PollLock(Context cx)
            {
                lock (_lock)
                {
                    if (_value is not null) return Poll<string>.Ready(_value);
                    [|return Poll<string>.Pending;|]
                }
            }

            public Poll<string> PollCatch(Context cx)
            {
                try
                {
                    if (Load() is { } v) return Poll<string>.Ready(v);
                    _waker = cx.Waker;
                    return Poll<string>.Pending;
                }
                catch (InvalidOperationException)
                {
                    [|return Poll<string>.Pending;|]
                }
            }

            private string? Load() => _value ?? throw new InvalidOperationException();
        }
        """);

    [Fact]
    public Task StructGenericAndStreamPolls() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public struct Ready<T> : IFuture<T>
        {
            private readonly Queue<T> _items;
            public Ready(Queue<T> items) => _items = items;

            public Poll<T> Poll(Context cx)
            {
                if (_items.Count > 0) return Poll<T>.Ready(_items.Dequeue());
                [|return Poll<T>.Pending;|]
            }
        }

        public sealed class Lines
        {
            private readonly Queue<string> _buffer = new();
            private bool _closed;

            public Poll<string?> PollNext(Context cx)
            {
                while (_buffer.Count > 0)
                {
                    var line = _buffer.Dequeue();
                    if (line.Length > 0) return Poll<string?>.Ready(line);
                }
                if (_closed) return Poll<string?>.Ready(null);
                [|return Poll<string?>.Pending;|]
            }
        }
        """);

    [Fact]
    public Task LoopsThatDoNotPollAreNotAssumedToRun() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using System.Threading;
        using Wakers;

        public sealed class Drain
        {
            private readonly Queue<int> _q = new();
            private int _locked;

            public Poll<int> PollSum(Context cx)
            {
                var sum = 0;
                while (_q.Count > 0) sum += _q.Dequeue();
                if (sum > 0) return Poll<int>.Ready(sum);
                [|return Poll<int>.Pending;|]
            }

            public Poll<Unit> PollLock(Context cx)
            {
                if (Interlocked.CompareExchange(ref _locked, 1, 0) == 0) return Poll<Unit>.Ready(Unit.Value);
                [|return Poll<Unit>.Pending;|]
            }
        }
        """);

    [Fact]
    public Task StoredOnlyInObjectsMadeInThisPoll() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Box { public Waker? Waiter; }

        public sealed class Local
        {
            private volatile bool _ready;
            private readonly List<List<Waker>> _lists = new();

            public Poll<int> PollList(Context cx)
            {
                if (_ready) return Poll<int>.Ready(1);
                var waiters = new List<Waker>();
                waiters.Add(cx.Waker);
                [|return Poll<int>.Pending;|]
            }

            public Poll<int> PollBox(Context cx)
            {
                if (_ready) return Poll<int>.Ready(1);
                var box = new Box();
                box.Waiter = cx.Waker;
                [|return Poll<int>.Pending;|]
            }

            public Poll<int> PollArray(Context cx)
            {
                if (_ready) return Poll<int>.Ready(1);
                var slots = new Waker[1];
                slots[0] = cx.Waker;
                [|return Poll<int>.Pending;|]
            }

            public Poll<int> PollHandedOn(Context cx)
            {
                if (_ready) return Poll<int>.Ready(1);
                var waiters = new List<Waker>();
                waiters.Add(cx.Waker);
                _lists.Add(waiters);
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task TheStoredWakerIsClearedBeforePending() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Cancellable : IFuture<int>
        {
            private readonly object _gate = new();
            private int? _value;
            private bool _cancelRequested;
            private Waker? _waiter;

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_value is int v) return Poll<int>.Ready(v);
                    _waiter = cx.Waker;
                    if (_cancelRequested)
                    {
                        _waiter = null;
                        [|return Poll<int>.Pending;|]
                    }
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    /// <summary>The clear comes a loop later than the store: the store's registration must stay undoable past the loop.</summary>
    [Fact]
    public Task TheStoredWakerIsClearedAfterALoop() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Scan : IFuture<int>
        {
            private readonly int[] _items = new int[8];
            private int _count;
            private bool _cancelRequested;
            private Waker? _waiter;

            public Poll<int> Poll(Context cx)
            {
                _waiter = cx.Waker;
                for (var i = 0; i < _items.Length; i++)
                {
                    if (_items[i] > 0) _count++;
                }
                if (_count > 3) return Poll<int>.Ready(_count);
                if (_cancelRequested)
                {
                    _waiter = null;
                    [|return Poll<int>.Pending;|]
                }
                return Poll<int>.Pending;
            }
        }
        """);

    /// <summary>The clear sits above the store in a loop: a later round undoes the store, so the fact must survive the back edge.</summary>
    [Fact]
    public Task TheStoredWakerIsClearedOnTheNextRound() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Retry : IFuture<int>
        {
            private int _attempts;
            private Waker? _waiter;

            public Poll<int> Poll(Context cx)
            {
                var first = true;
                while (true)
                {
                    if (!first)
                    {
                        _waiter = null;
                        [|return Poll<int>.Pending;|]
                    }
                    _waiter = cx.Waker;
                    if (_attempts > 3) return Poll<int>.Ready(_attempts);
                    first = false;
                }
            }
        }
        """);

    [Fact]
    public Task TupleSlotWrittenWholeForgetsItsOldParts() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Once : IFuture<int>
        {
            private readonly object _gate = new();
            private (bool Done, int Value) _state;
            private Waker? _waiter;

            public void Set(int v) { Waker? w; lock (_gate) { _state = (true, v); w = _waiter; _waiter = null; } w?.Wake(); }

            // `_state = (false, 0)` makes `_state.Done` false again, whatever the first test learned.
            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_state.Done)
                    {
                        _state = (false, 0);
                        if (!_state.Done) [|return Poll<int>.Pending;|]
                        return Poll<int>.Ready(1);
                    }
                    _waiter = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task WakerOnlyInALocalCollectionInitializer() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Notify : IFuture<Unit>
        {
            private readonly object _gate = new();
            private List<Waker> _waiters = new();
            private bool _notified;

            public void NotifyAll() { Waker[] ws; lock (_gate) { _notified = true; ws = _waiters.ToArray(); _waiters.Clear(); } foreach (var w in ws) w.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_notified) return Poll<Unit>.Ready(Unit.Value);
                    var waiters = new List<Waker>(_waiters) { cx.Waker };
                    [|return Poll<Unit>.Pending;|]
                }
            }

            // Published to the field: a registration.
            public Poll<Unit> PollPublished(Context cx)
            {
                lock (_gate)
                {
                    if (_notified) return Poll<Unit>.Ready(Unit.Value);
                    var waiters = new List<Waker>(_waiters) { cx.Waker };
                    _waiters = waiters;
                    return Poll<Unit>.Pending;
                }
            }

            // Published inline.
            public Poll<Unit> PollInline(Context cx)
            {
                lock (_gate)
                {
                    if (_notified) return Poll<Unit>.Ready(Unit.Value);
                    _waiters = new List<Waker>(_waiters) { cx.Waker };
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);
}
