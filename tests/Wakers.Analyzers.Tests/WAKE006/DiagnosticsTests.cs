using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE006;

/// <summary>A method writes state a poll waits on and never wakes that poll's stored waker: WAKE006 at the write.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task CancelWithoutWake() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class Job : IFuture<bool>
        {
            private readonly object _gate = new();
            private bool _finished;
            private bool _cancelled;
            private Waker? _waiter;

            public void Finish()
            {
                Waker? w;
                lock (_gate) { _finished = true; w = _waiter; _waiter = null; }
                w?.Wake();
            }

            public void Cancel()
            {
                lock (_gate) { [|_cancelled = true|]; }
            }

            public Poll<bool> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_cancelled) return Poll<bool>.Ready(false);
                    if (_finished) return Poll<bool>.Ready(true);
                    _waiter = cx.Waker;
                    return Poll<bool>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task TwoWritesInOneMethodAreOneDiagnostic() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class Job : IFuture<int>
        {
            private readonly object _gate = new();
            private bool _done;
            private int _result;
            private Waker? _waiter;

            public void Complete(int result)
            {
                // One method that publishes without waking is one bug: the first write carries it.
                lock (_gate) { [|_result = result|]; _done = true; }
            }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_done && _result >= 0) return Poll<int>.Ready(_result);
                    _waiter = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task ChannelCloseInAStreamPoll() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Channel<T>
        {
            private readonly object _gate = new();
            private readonly Queue<T> _items = new();
            private bool _closed;
            private Waker? _receiver;

            public void Send(T item)
            {
                Waker? w;
                lock (_gate) { _items.Enqueue(item); w = _receiver; _receiver = null; }
                w?.Wake();
            }

            public void Close()
            {
                lock (_gate)
                {
                    [|_closed = true|];
                }
            }

            public Poll<T?> PollNext(Context cx)
            {
                lock (_gate)
                {
                    if (_items.Count > 0) return Poll<T?>.Ready(_items.Dequeue());
                    if (_closed) return Poll<T?>.Ready(default);
                    _receiver = cx.Waker;
                    return Poll<T?>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task JudgedPerPollMethod() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class Bounded
        {
            private readonly object _gate = new();
            private int _count;
            private Waker? _sender;
            private Waker? _receiver;

            public Poll<Unit> PollSend(Context cx)
            {
                lock (_gate)
                {
                    if (_count < 4) { _count++; return Poll<Unit>.Ready(Unit.Value); }
                    _sender = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }

            public Poll<Unit> PollRecv(Context cx)
            {
                lock (_gate)
                {
                    if (_count > 0) { _count--; return Poll<Unit>.Ready(Unit.Value); }
                    _receiver = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }

            // Wakes the receiver, but emptying also lets a sender in: its waker is forgotten.
            public void Drain()
            {
                Waker? r;
                lock (_gate) { [|_count = 0|]; r = _receiver; _receiver = null; }
                r?.Wake();
            }
        }
        """);

    [Fact]
    public Task TimerThreadLambdaInTheConstructorOfANestedState() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
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
                    lock (shared) { [|shared.Completed = true|]; }
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
    public Task IncrementAndEnqueueInASwitch() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System.Collections.Generic;
        using System.Threading;
        using Wakers;

        public sealed class Inbox : IFuture<int>
        {
            private readonly Queue<int> _q = new();
            private int _ticks;
            private readonly AtomicWaker _aw = new();

            public void Put(int kind, int v)
            {
                switch (kind)
                {
                    case 0: lock (_q) { [|_q.Enqueue(v)|]; } break;
                    default: [|Interlocked.Increment(ref _ticks)|]; break;
                }
            }

            public Poll<int> Poll(Context cx)
            {
                _aw.Register(cx.Waker);
                lock (_q) { if (_q.Count > 0) return Poll<int>.Ready(_q.Dequeue()); }
                if (Volatile.Read(ref _ticks) > 0) return Poll<int>.Ready(-1);
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task GrantingPermitsWithoutWaking() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class Permits
        {
            private readonly object _gate = new();
            private int _permits;
            private Waker? _w;
            public void Release() { Waker? w; lock (_gate) { _permits++; w = _w; _w = null; } w?.Wake(); }
            public void Grant(int n) { lock (_gate) { [|_permits = 5|]; } }

            public Poll<Unit> PollAcquire(Context cx)
            {
                lock (_gate)
                {
                    if (_permits > 0) { _permits--; return Poll<Unit>.Ready(Unit.Value); }
                    _w = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task ChannelDisposeMarksClosedWithoutWaking() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Chan : IDisposable
        {
            private readonly object _gate = new();
            private bool _dropped;
            private Waker? _rx;

            public void Dispose()
            {
                lock (_gate) { [|_dropped = true|]; }
            }

            public Poll<bool> PollRecv(Context cx)
            {
                lock (_gate)
                {
                    if (_dropped) return Poll<bool>.Ready(false);
                    _rx = cx.Waker;
                    return Poll<bool>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task SenderInAnotherClassClosesWithoutWaking() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Shared
        {
            public readonly object Gate = new();
            public readonly Queue<int> Items = new();
            public bool Closed;
            public Waker? RxWaker;
        }

        public sealed class Sender
        {
            private readonly Shared _shared;
            public Sender(Shared shared) => _shared = shared;

            public void Send(int item)
            {
                Waker? w;
                lock (_shared.Gate) { _shared.Items.Enqueue(item); w = _shared.RxWaker; _shared.RxWaker = null; }
                w?.Wake();
            }

            public void Close()
            {
                lock (_shared.Gate) { [|_shared.Closed = true|]; }
            }
        }

        public sealed class Receiver
        {
            private readonly Shared _shared;
            public Receiver(Shared shared) => _shared = shared;

            public Poll<int?> PollRecv(Context cx)
            {
                lock (_shared.Gate)
                {
                    if (_shared.Items.Count > 0) return Poll<int?>.Ready(_shared.Items.Dequeue());
                    if (_shared.Closed) return Poll<int?>.Ready(null);
                    _shared.RxWaker = cx.Waker;
                    return Poll<int?>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task GenericOneshotSenderDisposeMarksDroppedWithoutWaking() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Inner<T>
        {
            public readonly object Gate = new();
            public T? Value;
            public bool HasValue;
            public bool SenderDropped;
            public Waker? RxWaker;
        }

        public sealed class OneshotTx<T> : IDisposable
        {
            private readonly Inner<T> _inner;
            public OneshotTx(Inner<T> inner) => _inner = inner;

            public void Send(T value)
            {
                Waker? w;
                lock (_inner.Gate) { _inner.Value = value; _inner.HasValue = true; w = _inner.RxWaker; _inner.RxWaker = null; }
                w?.Wake();
            }

            public void Dispose()
            {
                lock (_inner.Gate) { [|_inner.SenderDropped = true|]; }
            }
        }

        public sealed class OneshotRx<T> : IFuture<T?>
        {
            private readonly Inner<T> _inner;
            public OneshotRx(Inner<T> inner) => _inner = inner;

            public Poll<T?> Poll(Context cx)
            {
                lock (_inner.Gate)
                {
                    if (_inner.HasValue) return Poll<T?>.Ready(_inner.Value);
                    if (_inner.SenderDropped) return Poll<T?>.Ready(default);
                    _inner.RxWaker = cx.Waker;
                    return Poll<T?>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task TupleDeconstructionIsOneWrite() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class Promise<T> : IFuture<T>
        {
            private readonly object _gate = new();
            private T _value = default!;
            private bool _hasValue;
            private Waker? _reader;

            public void Complete(T value)
            {
                lock (_gate) { [|(_value, _hasValue) = (value, true)|]; }
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
    public Task StateValueThatAReadyArmTests() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public enum Phase { Idle, Armed, Done }

        public sealed class Oneshot : IFuture<int>
        {
            private readonly object _gate = new();
            private Phase _phase;
            private Waker? _rx;

            public void Finish() { lock (_gate) { [|_phase = Phase.Done|]; } }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_phase is Phase.Done) return Poll<int>.Ready(1);
                    _rx = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task AtomicWriteOfTheReadyNumber() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Pulse : IFuture<Unit>
        {
            private readonly AtomicWaker _waiter = new();
            private int _pulsed;

            public void Set() { Volatile.Write(ref _pulsed, 1); _waiter.Wake(); }
            public void SetQuietly() { [|Volatile.Write(ref _pulsed, 1)|]; }

            public Poll<Unit> Poll(Context cx)
            {
                _waiter.Register(cx.Waker);
                return Volatile.Read(ref _pulsed) == 1 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);
    [Fact]
    public Task OneWayWritesThatMoveTowardReady() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System.Threading;
        using Wakers;

        // Ready when idle or drained: the increment and the bit set in Start move away from both.
        public sealed class Drain : IFuture<Unit>
        {
            private const int BusyBit = 1;
            private readonly AtomicWaker _waiter = new();
            private int _inflight;
            private int _flags;

            public void Start() { Interlocked.Increment(ref _inflight); Interlocked.Or(ref _flags, BusyBit); }
            public void Finish() { [|Interlocked.Decrement(ref _inflight)|]; }
            public void FinishTwo() { [|_inflight -= 2|]; }
            public void Idle() { [|Interlocked.And(ref _flags, ~BusyBit)|]; }

            public Poll<Unit> Poll(Context cx)
            {
                _waiter.Register(cx.Waker);
                if ((Volatile.Read(ref _flags) & BusyBit) == 0) return Poll<Unit>.Ready(Unit.Value);
                return Volatile.Read(ref _inflight) <= 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);
    [Fact]
    public Task ConcurrentDictionaryUpdatesArePublishes() => Verify.Diagnostics<PublishWithoutWakeAnalyzer>("""
        using System.Collections.Concurrent;
        using Wakers;

        public sealed class QuoteWatch : IFuture<decimal>
        {
            private readonly ConcurrentDictionary<string, decimal> _quotes = new();
            private readonly AtomicWaker _waiter = new();

            public void Publish(string s, decimal p) { [|_quotes.AddOrUpdate(s, p, (_, _) => p)|]; }
            public void Reprice(string s, decimal p, decimal old) { [|_quotes.TryUpdate(s, p, old)|]; }
            public void Seed(string s) { [|_quotes.GetOrAdd(s, 0m)|]; }

            public Poll<decimal> Poll(Context cx)
            {
                _waiter.Register(cx.Waker);
                return _quotes.TryGetValue("MSFT", out var p) ? Poll<decimal>.Ready(p) : Poll<decimal>.Pending;
            }
        }
        """);
}
