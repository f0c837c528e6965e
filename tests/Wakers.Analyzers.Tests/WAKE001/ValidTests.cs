using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE001;

/// <summary>Poll methods that register (or deliberately never wake) on every Pending path: no WAKE001.</summary>
public class ValidTests
{
    [Fact]
    public Task AtomicWakerCheckRegisterCheck() => Verify.Valid<LostWakeupAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Flag : IFuture<Unit>
        {
            private readonly AtomicWaker _waker = new();
            private int _set;
            public void Set() { Volatile.Write(ref _set, 1); _waker.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
                _waker.Register(cx.Waker);
                if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task DelegationInAllItsShapes() => Verify.Valid<LostWakeupAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Map<T, U> : IFuture<U>
        {
            private readonly IFuture<T> _inner;
            private readonly Func<T, U> _f;
            public Map(IFuture<T> inner, Func<T, U> f) { _inner = inner; _f = f; }

            public Poll<U> Poll(Context cx)
            {
                var r = _inner.Poll(cx);
                if (r.IsPending) return Poll<U>.Pending;
                return Poll<U>.Ready(_f(r.Value));
            }

            public Poll<U> PollMapped(Context cx) => _inner.Poll(cx).Map(_f);

            public Poll<U> PollNegated(Context cx)
            {
                var r = _inner.Poll(cx);
                if (!r.IsReady) return default;
                return Poll<U>.Ready(_f(r.Value));
            }

            public Poll<U> PollTry(Context cx)
            {
                if (_inner.Poll(cx).TryGetValue(out var v)) return Poll<U>.Ready(_f(v));
                return Poll<U>.Pending;
            }

            public Poll<U> PollPattern(Context cx)
            {
                var r = _inner.Poll(cx);
                if (r is { IsPending: true }) return Poll<U>.Pending;
                return Poll<U>.Ready(_f(r.Value));
            }

            public Poll<U> PollTernary(Context cx)
            {
                var r = _inner.Poll(cx);
                return r.IsReady ? Poll<U>.Ready(_f(r.Value)) : Poll<U>.Pending;
            }

            public Poll<U> PollUnchecked(Context cx)
            {
                var r = _inner.Poll(cx);
                Console.WriteLine(r.IsReady);
                return Poll<U>.Pending;
            }
        }
        """);

    [Fact]
    public Task HelpersTwoCallsDeepStoreTheWakerOrTheContext() => Verify.Valid<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Semaphore
        {
            private readonly object _gate = new();
            private readonly List<Waker> _waiters = new();
            private Waker? _single;
            private int _permits;

            public Poll<Unit> PollAcquire(Context cx)
            {
                lock (_gate)
                {
                    if (_permits > 0) { _permits--; return Poll<Unit>.Ready(Unit.Value); }
                    Enlist(cx.Waker);
                    return Poll<Unit>.Pending;
                }
            }

            public Poll<Unit> PollOne(Context cx)
            {
                lock (_gate)
                {
                    if (_permits > 0) return Poll<Unit>.Ready(Unit.Value);
                    Remember(cx);
                    return Poll<Unit>.Pending;
                }
            }

            private void Enlist(Waker waker) => Keep(waker);
            private void Keep(Waker waker) { if (!_waiters.Contains(waker)) _waiters.Add(waker); }
            private void Remember(Context cx) => RememberWaker(cx.Waker);
            private void RememberWaker(Waker w) => _single = w;
        }
        """);

    [Fact]
    public Task CallbacksHandedOnAndWakes() => Verify.Valid<LostWakeupAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class TaskFuture<T> : IFuture<T>
        {
            private readonly Task<T> _task;
            private readonly CancellationToken _token;
            public TaskFuture(Task<T> task, CancellationToken token) { _task = task; _token = token; }

            public Poll<T> Poll(Context cx)
            {
                if (_task.IsCompleted) return Poll<T>.Ready(_task.Result);
                var waker = cx.Waker;
                _task.ContinueWith(_ => waker.Wake(), TaskContinuationOptions.ExecuteSynchronously);
                return Poll<T>.Pending;
            }

            public Poll<T> PollToken(Context cx)
            {
                if (_task.IsCompleted) return Poll<T>.Ready(_task.Result);
                var w = cx.Waker;
                _token.Register(() => w.Wake());
                return Poll<T>.Pending;
            }

            public Poll<T> PollThread(Context cx)
            {
                if (_task.IsCompleted) return Poll<T>.Ready(_task.Result);
                var w = cx.Waker;
                var copy = w;
                new Thread(() => { _task.Wait(); copy.Wake(); }).Start();
                return Poll<T>.Pending;
            }

            public Poll<T> PollPool(Context cx)
            {
                if (_task.IsCompleted) return Poll<T>.Ready(_task.Result);
                var w = cx.Waker;
                ThreadPool.QueueUserWorkItem(_ => w.Wake());
                return Poll<T>.Pending;
            }

            public Poll<T> PollYield(Context cx)
            {
                if (_task.IsCompleted) return Poll<T>.Ready(_task.Result);
                cx.Waker.Wake();
                return Poll<T>.Pending;
            }
        }
        """);

    [Fact]
    public Task StoresIntoSlotsOfEveryKind() => Verify.Valid<LostWakeupAnalyzer>("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using System.Threading;
        using Wakers;

        public sealed class Box { public Waker? Waiter; public bool Done; }

        public sealed class Slots
        {
            private readonly Box _box = new();
            private readonly Dictionary<int, Waker> _byId = new();
            private readonly ConcurrentQueue<Waker> _queue = new();
            private readonly Waker?[] _array = new Waker?[4];
            private readonly LinkedList<Waker> _list = new();
            private Waker? _w;
            private Waker? Current { get; set; }

            public Poll<int> PollA(Context cx) { if (_box.Done) return Poll<int>.Ready(1); _box.Waiter = cx.Waker; return Poll<int>.Pending; }
            public Poll<int> PollB(Context cx) { if (_box.Done) return Poll<int>.Ready(1); _byId[1] = cx.Waker; return Poll<int>.Pending; }
            public Poll<int> PollC(Context cx) { if (_box.Done) return Poll<int>.Ready(1); _queue.Enqueue(cx.Waker); return Poll<int>.Pending; }
            public Poll<int> PollD(Context cx) { if (_box.Done) return Poll<int>.Ready(1); _array[0] = cx.Waker; return Poll<int>.Pending; }
            public Poll<int> PollE(Context cx) { if (_box.Done) return Poll<int>.Ready(1); _list.AddLast(cx.Waker); return Poll<int>.Pending; }
            public Poll<int> PollF(Context cx) { if (_box.Done) return Poll<int>.Ready(1); Interlocked.Exchange(ref _w, cx.Waker); return Poll<int>.Pending; }
            public Poll<int> PollG(Context cx) { if (_box.Done) return Poll<int>.Ready(1); Current = cx.Waker; return Poll<int>.Pending; }
            public Poll<int> PollH(Context cx) { if (_box.Done) return Poll<int>.Ready(1); var w = cx.Waker; var w2 = w; _w = Waker.Create(() => w2.Wake()); return Poll<int>.Pending; }
            public Poll<int> PollI(Context cx) { if (_box.Done) return Poll<int>.Ready(1); Volatile.Write(ref _w, cx.Waker); return Poll<int>.Pending; }
        }
        """);

    [Fact]
    public Task JoinOfManyWithAChildWakerAndADoneFlag() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class ChildWaker : Waker
        {
            private readonly Waker _parent;
            public ChildWaker(Waker parent) => _parent = parent;
            public override void Wake() => _parent.Wake();
        }

        public sealed class JoinAll : IFuture<int[]>
        {
            private readonly IFuture<int>[] _children;
            private readonly int?[] _results;
            public JoinAll(IFuture<int>[] children) { _children = children; _results = new int?[children.Length]; }

            public Poll<int[]> Poll(Context cx)
            {
                var done = true;
                var child = new Context(new ChildWaker(cx.Waker));
                for (var i = 0; i < _children.Length; i++)
                {
                    if (_results[i] is not null) continue;
                    var r = _children[i].Poll(child);
                    if (r.IsReady) _results[i] = r.Value; else done = false;
                }
                if (!done) return Poll<int[]>.Pending;
                var all = new int[_results.Length];
                for (var i = 0; i < all.Length; i++) all[i] = _results[i]!.Value;
                return Poll<int[]>.Ready(all);
            }
        }
        """);

    [Fact]
    public Task StateMachinesWithSwitchStatementsAndExpressions() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Handshake : IFuture<bool>
        {
            private int _state;
            private readonly IFuture<bool> _connect;
            private readonly IFuture<int> _send;
            public Handshake(IFuture<bool> connect, IFuture<int> send) { _connect = connect; _send = send; }

            public Poll<bool> Poll(Context cx)
            {
                while (true)
                {
                    switch (_state)
                    {
                        case 0:
                            var c = _connect.Poll(cx);
                            if (c.IsPending) return Poll<bool>.Pending;
                            if (!c.Value) return Poll<bool>.Ready(false);
                            _state = 1;
                            break;
                        case 1:
                            var s = _send.Poll(cx);
                            if (s.IsPending) return Poll<bool>.Pending;
                            _state = 2;
                            break;
                        default:
                            return Poll<bool>.Ready(true);
                    }
                }
            }

            public Poll<int> PollSend(Context cx) => _state switch
            {
                0 => Poll<int>.Ready(0),
                _ => _send.Poll(cx),
            };
        }
        """);

    [Fact]
    public Task TryFinallyMonitorAndLocks() => Verify.Valid<LostWakeupAnalyzer>("""
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
                    _waker = cx.Waker;
                    return Poll<string>.Pending;
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
            }

            public Poll<string> PollLocked(Context cx)
            {
                lock (_lock)
                {
                    if (_value is not null) return Poll<string>.Ready(_value);
                    _waker = cx.Waker;
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollStoreInFinally(Context cx)
            {
                try
                {
                    if (_value is not null) return Poll<string>.Ready(_value);
                    return Poll<string>.Pending;
                }
                finally
                {
                    _waker = cx.Waker;
                }
            }

            public Poll<string> PollCatch(Context cx)
            {
                try
                {
                    if (_value is not null) return Poll<string>.Ready(_value);
                    _waker = cx.Waker;
                    return Poll<string>.Pending;
                }
                catch (System.InvalidOperationException)
                {
                    return Poll<string>.Ready("failed");
                }
            }
        }
        """);

    [Fact]
    public Task LambdasLocalFunctionsStructsAndGenerics() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Box { public int? Value; public Waker? Waiter; }

        public static class Polls
        {
            public static PollFn<int> Careful(Box box) => cx =>
            {
                lock (box)
                {
                    if (box.Value is int v) return Poll<int>.Ready(v);
                    box.Waiter = cx.Waker;
                    return Poll<int>.Pending;
                }
            };

            public static PollFn<int> WithLocalFunction(Box box)
            {
                return Run;

                Poll<int> Run(Context cx)
                {
                    if (box.Value is int v) return Poll<int>.Ready(v);
                    box.Waiter = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }

        public struct Slot<T> : IFuture<T>
        {
            private readonly Box _box;
            private readonly T _value;
            public Slot(Box box, T value) { _box = box; _value = value; }

            public Poll<T> Poll(Context cx)
            {
                if (_box.Value is not null) return Poll<T>.Ready(_value);
                _box.Waiter = cx.Waker;
                return Poll<T>.Pending;
            }
        }
        """);

    [Fact]
    public Task ResultHeldInALocal() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Cell : IFuture<int>
        {
            private readonly object _gate = new();
            private int? _value;
            private Waker? _waiter;

            public Poll<int> Poll(Context cx)
            {
                Poll<int> result = default;
                lock (_gate)
                {
                    if (_value is int v) result = Poll<int>.Ready(v);
                    else _waiter = cx.Waker;
                }
                return result;
            }
        }
        """);

    [Fact]
    public Task DiscardedAndForeignInnerPollsAreOtherRulesBugs() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Drain : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            private int _count;
            public Drain(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                _inner.Poll(cx);
                _count++;
                if (_count > 3) return Poll<int>.Ready(_count);
                return Poll<int>.Pending;
            }

            public Poll<int> PollForeign(Context cx)
            {
                var r = _inner.Poll(new Context(Waker.Noop));
                if (r.IsReady) return r;
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task GuardedStoresCountOnBothBranches() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Reply : IFuture<string>
        {
            private readonly object _gate = new();
            private readonly AtomicWaker _atomic = new();
            private bool _registered;
            private string? _text;
            private Waker? _waiter;

            public Poll<string> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    _waiter ??= cx.Waker;
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollOnce(Context cx)
            {
                if (!_registered) { _atomic.Register(cx.Waker); _registered = true; }
                if (_text is { } t) return Poll<string>.Ready(t);
                return Poll<string>.Pending;
            }

            public Poll<string> PollEarlyReturn(Context cx)
            {
                if (_text is { } t) return Poll<string>.Ready(t);
                if (_waiter is not null) return Poll<string>.Pending;
                _waiter = cx.Waker;
                return Poll<string>.Pending;
            }
        }
        """);

    [Fact]
    public Task NeverReadyFutureIsDeliberate() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Never<T> : IFuture<T>
        {
            public Poll<T> Poll(Context cx) => Poll<T>.Pending;
        }

        public sealed class NeverBlock<T> : IFuture<T>
        {
            public Poll<T> Poll(Context cx)
            {
                return default;
            }
        }
        """);

    [Fact]
    public Task NotThePollOfTheRuntime() => Verify.Valid<LostWakeupAnalyzer>("""
        namespace Other
        {
            public sealed class Context { public string? User; }
            public readonly struct Poll<T> { public readonly T Value; public Poll(T value) => Value = value; }
            public sealed class Survey
            {
                public Poll<int> Poll(Context cx) => cx.User is null ? default : new Poll<int>(1);
            }
        }
        """);

    [Fact]
    public Task JoinsSelectsAndBufferedStreamsCorrelateTheirChecks() => Verify.Valid<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Join<A, B> : IFuture<(A, B)>
        {
            private readonly IFuture<A> _a;
            private readonly IFuture<B> _b;
            private A _ra = default!;
            private B _rb = default!;
            private bool _aDone, _bDone;
            public Join(IFuture<A> a, IFuture<B> b) { _a = a; _b = b; }

            public Poll<(A, B)> Poll(Context cx)
            {
                if (!_aDone) { var r = _a.Poll(cx); if (r.IsReady) { _ra = r.Value; _aDone = true; } }
                if (!_bDone) { var r = _b.Poll(cx); if (r.IsReady) { _rb = r.Value; _bDone = true; } }
                if (_aDone && _bDone) return Poll<(A, B)>.Ready((_ra, _rb));
                return Poll<(A, B)>.Pending;
            }
        }

        public sealed class JoinNullable : IFuture<(int, string)>
        {
            private readonly IFuture<int> _a;
            private readonly IFuture<string> _b;
            private int? _ra;
            private string? _rb;
            public JoinNullable(IFuture<int> a, IFuture<string> b) { _a = a; _b = b; }

            public Poll<(int, string)> Poll(Context cx)
            {
                if (_ra is null) { var r = _a.Poll(cx); if (r.IsReady) _ra = r.Value; }
                if (_rb == null) { var r = _b.Poll(cx); if (r.IsReady) _rb = r.Value; }
                if (_ra is not null && _rb is not null) return Poll<(int, string)>.Ready((_ra.Value, _rb));
                return Poll<(int, string)>.Pending;
            }
        }

        public sealed class Select<T> : IFuture<T>
        {
            private readonly IFuture<T> _a, _b;
            public Select(IFuture<T> a, IFuture<T> b) { _a = a; _b = b; }

            public Poll<T> Poll(Context cx)
            {
                var a = _a.Poll(cx);
                if (a.IsReady) return a;
                var b = _b.Poll(cx);
                if (b.IsReady) return b;
                return Poll<T>.Pending;
            }
        }

        public sealed class Chunks
        {
            private readonly IFuture<string> _inner;
            private readonly List<string> _buf = new();
            private readonly int _size;
            public Chunks(IFuture<string> inner, int size) { _inner = inner; _size = size; }

            public Poll<string[]> PollNext(Context cx)
            {
                while (_buf.Count < _size)
                {
                    var r = _inner.Poll(cx);
                    if (r.IsPending) break;
                    _buf.Add(r.Value);
                }
                if (_buf.Count >= _size) { var full = _buf.ToArray(); _buf.Clear(); return Poll<string[]>.Ready(full); }
                return Poll<string[]>.Pending;
            }
        }
        """);

    [Fact]
    public Task PollingLoopsAreAssumedToRunAndWillWakeThroughALocalGuards() => Verify.Valid<LostWakeupAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class SelectAll<T> : IFuture<T>
        {
            private readonly List<IFuture<T>> _futures;
            public SelectAll(List<IFuture<T>> futures) => _futures = futures;

            public Poll<T> Poll(Context cx)
            {
                foreach (var f in _futures)
                {
                    var r = f.Poll(cx);
                    if (r.IsReady) return r;
                }
                return Poll<T>.Pending;
            }
        }

        public sealed class Registry
        {
            private readonly object _gate = new();
            private readonly Dictionary<int, Waker> _waiters = new();
            private readonly HashSet<int> _done = new();

            public Poll<Unit> PollFor(int id, Context cx)
            {
                lock (_gate)
                {
                    if (_done.Remove(id)) return Poll<Unit>.Ready(Unit.Value);
                    if (_waiters.TryGetValue(id, out var existing) && existing.WillWake(cx.Waker)) return Poll<Unit>.Pending;
                    _waiters[id] = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task JoinOnTupleSlotsWrittenWhole() => Verify.Valid<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Join<TA, TB> : IFuture<(TA, TB)>
        {
            private readonly IFuture<TA> _a;
            private readonly IFuture<TB> _b;
            private (bool Done, TA Value) _left;
            private (bool Done, TB Value) _right;
            public Join(IFuture<TA> a, IFuture<TB> b) { _a = a; _b = b; }

            // `_left = (true, v)` sets `_left.Done`: the path that skips both polls returns Ready, not Pending.
            public Poll<(TA, TB)> Poll(Context cx)
            {
                if (!_left.Done) { var r = _a.Poll(cx); if (r.IsReady) _left = (true, r.Value); }
                if (!_right.Done && _b.Poll(cx) is { IsReady: true } rb) _right = (true, rb.Value);
                return _left.Done && _right.Done ? Poll<(TA, TB)>.Ready((_left.Value, _right.Value)) : Poll<(TA, TB)>.Pending;
            }
        }
        """);
}
