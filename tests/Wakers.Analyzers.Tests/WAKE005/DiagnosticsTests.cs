using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE005;

/// <summary>A wake or take of a poll's stored waker before the write of its readiness state, outside a shared lock.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task WakeBeforeTheLockedWrite() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using Wakers;

        public sealed class OneShot<T> : IFuture<T>
        {
            private readonly object _gate = new();
            private bool _hasValue;
            private T _value = default!;
            private Waker? _reader;

            public void Complete(T value)
            {
                [|_reader?.Wake()|];
                lock (_gate) { _value = value; _hasValue = true; }
            }

            public Poll<T> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_hasValue) return Poll<T>.Ready(_value);
                    _reader = cx.Waker;
                    return Poll<T>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task InterlockedTakeBeforeTheWrite() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class TakeFirst : IFuture<int>
        {
            private Waker? _w;
            private int _value;
            private volatile bool _ready;

            public void Complete(int v)
            {
                var w = [|Interlocked.Exchange(ref _w, null)|];
                _value = v;
                _ready = true;
                w?.Wake();
            }

            public Poll<int> Poll(Context cx)
            {
                Interlocked.Exchange(ref _w, cx.Waker);
                if (_ready) return Poll<int>.Ready(_value);
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task ReadAndClearUnderTheLockThenWriteOutside() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Counter : IFuture<int>
        {
            private readonly object _gate = new();
            private Waker? _w;
            private int _count;

            public void Add()
            {
                Waker? w;
                lock (_gate)
                {
                    [|w = _w;|]
                    _w = null;
                }
                Interlocked.Increment(ref _count);
                w?.Wake();
            }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (Volatile.Read(ref _count) > 0) return Poll<int>.Ready(_count);
                    _w = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task HelperThatWakesCalledBeforeTheWrite() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using Wakers;

        public sealed class Mailbox : IFuture<string>
        {
            private readonly object _gate = new();
            private string? _text;
            private Waker? _w;
            private void Notify() => WakeTaken();
            private void WakeTaken() { Waker? w; lock (_gate) { w = _w; _w = null; } w?.Wake(); }

            public void Deliver(string text)
            {
                [|Notify()|];
                lock (_gate) { _text = text; }
            }

            public Poll<string> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    _w = cx.Waker;
                    return Poll<string>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task WaitersCopiedAndWokenBeforeThePermitIsAdded() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Semaphore
        {
            private readonly object _gate = new();
            private readonly List<Waker> _waiters = new();
            private int _permits;

            public void Release()
            {
                List<Waker> ws;
                lock (_gate) { [|ws = new List<Waker>(_waiters);|] _waiters.Clear(); }
                foreach (var w in ws) w.Wake();
                lock (_gate) { _permits++; }
            }

            public Poll<Unit> PollAcquire(Context cx)
            {
                lock (_gate)
                {
                    if (_permits > 0) { _permits--; return Poll<Unit>.Ready(Unit.Value); }
                    _waiters.Add(cx.Waker);
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task TimerThreadLambdaWakesBeforeCompleting() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using System;
        using System.Threading;
        using Wakers;

        public sealed class TimerFuture : IFuture<Unit>
        {
            private sealed class Shared { public bool Completed; public Waker? Waker; }
            private readonly Shared _shared = new();

            public TimerFuture(TimeSpan d)
            {
                var shared = _shared;
                new Thread(() =>
                {
                    Thread.Sleep(d);
                    Waker? w;
                    lock (shared) { w = shared.Waker; }
                    [|w?.Wake()|];
                    lock (shared) { shared.Completed = true; }
                }).Start();
            }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_shared)
                {
                    if (_shared.Completed) return Poll<Unit>.Ready(Unit.Value);
                    _shared.Waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task AtomicWakerWokenBeforeTheFlagInATryBlock() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using System;
        using System.Threading;
        using Wakers;

        public struct Handle
        {
            public AtomicWaker Waker;
            public int Set;
        }

        public sealed class Flag : IFuture<Unit>
        {
            private readonly AtomicWaker _waker = new();
            private int _set;

            public void Set()
            {
                try
                {
                    [|_waker.Wake()|];
                    Volatile.Write(ref _set, 1);
                }
                catch (InvalidOperationException) { }
            }

            public Poll<Unit> Poll(Context cx)
            {
                _waker.Register(cx.Waker);
                if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task WakerSetOfAnotherTypeNotifiedBeforeThePush() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using System.Collections.Concurrent;
        using System.Collections.Generic;
        using Wakers;

        public sealed class WakerSet
        {
            private readonly List<Waker> _ws = new();
            public void Insert(Waker w) { lock (_ws) _ws.Add(w); }
            public void NotifyOne() { Waker? w = null; lock (_ws) { if (_ws.Count > 0) { w = _ws[0]; _ws.RemoveAt(0); } } w?.Wake(); }
        }

        public sealed class Chan
        {
            private readonly ConcurrentQueue<int> _q = new();
            private readonly WakerSet _recvWakers = new();

            public void Send(int x)
            {
                [|_recvWakers.NotifyOne()|];
                _q.Enqueue(x);
            }

            public Poll<int> PollRecv(Context cx)
            {
                _recvWakers.Insert(cx.Waker);
                if (_q.TryDequeue(out var v)) return Poll<int>.Ready(v);
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task SenderInAnotherClassWakesBeforeItStores() => Verify.Diagnostics<WakeBeforePublishAnalyzer>("""
        using Wakers;

        public sealed class Shared
        {
            public readonly object Gate = new();
            public string? Value;
            public Waker? RxWaker;
        }

        public sealed class Tx
        {
            private readonly Shared _shared;
            public Tx(Shared shared) => _shared = shared;

            public void Send(string value)
            {
                [|_shared.RxWaker?.Wake()|];
                lock (_shared.Gate) { _shared.Value = value; }
            }
        }

        public sealed class Rx : IFuture<string>
        {
            private readonly Shared _shared;
            public Rx(Shared shared) => _shared = shared;

            public Poll<string> Poll(Context cx)
            {
                lock (_shared.Gate)
                {
                    if (_shared.Value is { } v) return Poll<string>.Ready(v);
                    _shared.RxWaker = cx.Waker;
                    return Poll<string>.Pending;
                }
            }
        }
        """);
}
