using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE004;

/// <summary>Readiness read before the store, no lock across both, no re-check after: WAKE004 at the store.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task FlagThenField() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Event : IFuture<Unit>
        {
            private volatile bool _set;
            private volatile Waker? _waiter;
            public void Set() { _set = true; _waiter?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (_set) return Poll<Unit>.Ready(Unit.Value);
                [|_waiter = cx.Waker|];
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task AtomicWakerRegisterWithoutRecheck() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
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
                [|_waker.Register(cx.Waker)|];
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task CheckUnderLockStoreAfterIt() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class SplitLock : IFuture<int>
        {
            private readonly object _gate = new();
            private int? _value;
            private Waker? _waiter;
            public void Complete(int v) { Waker? w; lock (_gate) { _value = v; w = _waiter; _waiter = null; } w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_value is int v) return Poll<int>.Ready(v);
                }
                [|_waiter = cx.Waker|];
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task HelperTwoCallsDeepReportedAtTheCall() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class ViaHelper : IFuture<Unit>
        {
            private volatile bool _done;
            private Waker? _w;
            public void Finish() { _done = true; _w?.Wake(); }
            private void Remember(Waker waker) => Keep(waker);
            private void Keep(Waker waker) { _w = waker; }

            public Poll<Unit> Poll(Context cx)
            {
                if (_done) return Poll<Unit>.Ready(Unit.Value);
                [|Remember(cx.Waker)|];
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task StoreInTheNotReadyBranchOfAGenericFuture() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Slot<T> : IFuture<T>
        {
            private T? _item;
            private volatile bool _has;
            private Waker? _w;
            public void Put(T item) { _item = item; _has = true; _w?.Wake(); }

            public Poll<T> Poll(Context cx)
            {
                if (!_has)
                {
                    var waker = cx.Waker;
                    [|_w = waker|];
                    return Poll<T>.Pending;
                }
                return Poll<T>.Ready(_item!);
            }
        }
        """);

    [Fact]
    public Task CollectionCountThenEnqueueInAStreamPoll() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Receiver
        {
            private readonly Queue<int> _items = new();
            private readonly List<Waker> _waiters = new();
            public void Send(int x)
            {
                _items.Enqueue(x);
                var ws = _waiters.ToArray();
                _waiters.Clear();
                foreach (var w in ws) w.Wake();
            }

            public Poll<int?> PollNext(Context cx)
            {
                if (_items.Count > 0) return Poll<int?>.Ready(_items.Dequeue());
                [|_waiters.Add(cx.Waker)|];
                return Poll<int?>.Pending;
            }
        }
        """);

    [Fact]
    public Task SwitchExpressionOnASharedStateWord() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Stateful : IFuture<int>
        {
            private int _state;
            private Waker? _w;
            public void Advance() { Interlocked.Increment(ref _state); _w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                var s = Volatile.Read(ref _state);
                var r = s switch { 0 => Poll<int>.Pending, _ => Poll<int>.Ready(s) };
                if (r.IsReady) return r;
                [|_w = cx.Waker|];
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task SwitchStatementInALoopWithTryFinally() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Phases : IFuture<int>
        {
            private volatile int _phase;
            private Waker? _w;
            private int _polls;
            public void Next() { _phase++; _w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                try
                {
                    while (true)
                    {
                        switch (_phase)
                        {
                            case 2: return Poll<int>.Ready(2);
                            default:
                                [|_w = cx.Waker|];
                                return Poll<int>.Pending;
                        }
                    }
                }
                finally { _polls++; }
            }
        }
        """);

    [Fact]
    public Task ReadinessBehindAGetterAndATryTakeHelper() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using System.Collections.Generic;
        using System.Threading;
        using Wakers;

        public sealed class Getter : IFuture<int>
        {
            private int _state;
            private readonly Queue<int> _q = new();
            private Waker? _w;
            private bool IsDone => Volatile.Read(ref _state) == 2;
            private bool TryTake(out int v) { lock (_q) return _q.TryDequeue(out v); }
            public void Finish() { Volatile.Write(ref _state, 2); _w?.Wake(); }
            public void Push(int v) { lock (_q) _q.Enqueue(v); _w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                if (IsDone) return Poll<int>.Ready(-1);
                if (TryTake(out var v)) return Poll<int>.Ready(v);
                [|_w = cx.Waker|];
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task LambdaPollOnABox() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Box { public int? Value; public Waker? Waiter; }

        public static class Polls
        {
            public static PollFn<int> Racy(Box box) => cx =>
            {
                if (box.Value is int v) return Poll<int>.Ready(v);
                [|box.Waiter = cx.Waker|];
                return Poll<int>.Pending;
            };
        }
        """);

    [Fact]
    public Task LocalFunctionPollAndTwoPollMethodsOnOneType() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Pair
        {
            private volatile bool _left, _right;
            private Waker? _lw, _rw;
            public void SetLeft() { _left = true; _lw?.Wake(); }
            public void SetRight() { _right = true; _rw?.Wake(); }

            public Poll<Unit> PollLeft(Context cx)
            {
                if (_left) return Poll<Unit>.Ready(Unit.Value);
                [|_lw = cx.Waker|];
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollRight(Context cx)
            {
                return Inner(cx);

                Poll<Unit> Inner(Context c)
                {
                    if (_right) return Poll<Unit>.Ready(Unit.Value);
                    [|_rw = c.Waker|];
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task NestedSharedStateCheckedOutsideTheLock() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using System;
        using System.Threading;
        using Wakers;

        public sealed class TimerFuture : IFuture<Unit>
        {
            private sealed class SharedState { public bool Completed; public Waker? Waker; }
            private readonly SharedState _shared = new();

            public TimerFuture(TimeSpan duration)
            {
                var shared = _shared;
                new Thread(() =>
                {
                    Thread.Sleep(duration);
                    lock (shared) { shared.Completed = true; shared.Waker?.Wake(); }
                }).Start();
            }

            public Poll<Unit> Poll(Context cx)
            {
                if (Volatile.Read(ref _shared.Completed)) return Poll<Unit>.Ready(Unit.Value);
                lock (_shared) { [|_shared.Waker = cx.Waker|]; }
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task OneshotChecksThenLocksOnlyTheSlot() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Oneshot<T> : IFuture<T>
        {
            private volatile bool _complete;
            private T? _data;
            private readonly object _slotLock = new();
            private Waker? _rxTask;

            public void Send(T v)
            {
                _data = v;
                _complete = true;
                Waker? w;
                lock (_slotLock) { w = _rxTask; _rxTask = null; }
                w?.Wake();
            }

            public Poll<T> Poll(Context cx)
            {
                if (_complete) return Poll<T>.Ready(_data!);
                lock (_slotLock) { [|_rxTask = cx.Waker|]; }
                return Poll<T>.Pending;
            }
        }
        """);

    [Fact]
    public Task LoopConditionThenStore() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using System.Collections.Concurrent;
        using Wakers;

        public sealed class WhileRecv
        {
            private readonly ConcurrentQueue<int> _q = new();
            private volatile Waker? _w;
            public void Send(int x) { _q.Enqueue(x); _w?.Wake(); }

            public Poll<int> PollRecv(Context cx)
            {
                int item;
                while (!_q.TryDequeue(out item))
                {
                    [|_w = cx.Waker|];
                    return Poll<int>.Pending;
                }
                return Poll<int>.Ready(item);
            }
        }
        """);

    [Fact]
    public Task VolatileWriteStoreInHelper() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Oneshot : IFuture<string>
        {
            private string? _value;
            private Waker? _rx;
            public void Send(string value) { Volatile.Write(ref _value, value); Volatile.Read(ref _rx)?.Wake(); }

            public Poll<string> Poll(Context cx)
            {
                if (Volatile.Read(ref _value) is { } v) return Poll<string>.Ready(v);
                [|Park(cx.Waker)|];
                return Poll<string>.Pending;
            }

            private void Park(Waker waker) => Volatile.Write(ref _rx, waker);
        }
        """);

    [Fact]
    public Task VolatileWriteStoreDirect() => Verify.Diagnostics<CheckThenRegisterAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Oneshot : IFuture<string>
        {
            private string? _value;
            private Waker? _rx;
            public void Send(string value) { Volatile.Write(ref _value, value); Volatile.Read(ref _rx)?.Wake(); }

            public Poll<string> Poll(Context cx)
            {
                if (Volatile.Read(ref _value) is { } v) return Poll<string>.Ready(v);
                [|Volatile.Write(ref _rx, cx.Waker)|];
                return Poll<string>.Pending;
            }
        }
        """);
}
