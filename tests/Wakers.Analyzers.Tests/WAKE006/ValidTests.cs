using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE006;

/// <summary>Writes that wake (directly or through helpers), cannot make the poll ready, or are exempt: no WAKE006.</summary>
public class ValidTests
{
    [Fact]
    public Task ExemptAndNonPublishingWrites() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Fine : IFuture<int>, IDisposable
        {
            private readonly object _gate = new();
            private bool _done;
            private int _value;
            private string? _name;
            private Waker? _w;

            public Fine(bool done) { _done = done; }
            private void MarkDone(int v) { _value = v; _done = true; }

            public void Complete(int v)
            {
                Waker? w;
                lock (_gate) { MarkDone(v); w = _w; _w = null; }
                w?.Wake();
            }

            public void Rearm() { lock (_gate) { _done = false; _name = null; } }
            public void Dispose() { lock (_gate) { _done = true; } }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_done) return Poll<int>.Ready(_value);
                    if (_name is not null) return Poll<int>.Ready(-1);
                    _w = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task WakesThroughHelpersTwoCallsDeep() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class DeepWake : IFuture<Unit>
        {
            private volatile bool _set;
            private readonly List<Waker> _ws = new();
            public void Set() { _set = true; WakeAll(); }
            private void WakeAll() { Waker[] copy; lock (_ws) { copy = _ws.ToArray(); _ws.Clear(); } WakeEach(copy); }
            private static void WakeEach(Waker[] ws) { foreach (var w in ws) w.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_ws) { _ws.Add(cx.Waker); }
                if (_set) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task APollThatStoresNothingIsLostWakeupsAlone() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class NoStore : IFuture<Unit>
        {
            private volatile bool _set;
            public void Set() => _set = true;
            public Poll<Unit> Poll(Context cx) => _set ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
        }
        """);

    [Fact]
    public Task WakeBeforePublishIsNotAlsoPublishWithoutWake() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class Early : IFuture<Unit>
        {
            private volatile bool _done;
            private volatile Waker? _w;
            public void Finish() { _w?.Wake(); _done = true; }
            public Poll<Unit> Poll(Context cx)
            {
                _w = cx.Waker;
                return _done ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task WakeInALambdaAndThroughAnExternalScheduler() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System.Threading;
        using Wakers;

        public struct Box { public int Value; }

        public sealed class Deferred<T> : IFuture<T>
        {
            private T? _value;
            private volatile bool _has;
            private Waker? _w;

            public void Set(T value)
            {
                _value = value;
                _has = true;
                var w = Interlocked.Exchange(ref _w, null);
                if (w is not null) ThreadPool.QueueUserWorkItem(_ => w.Wake());
            }

            public void SetLater(T value)
            {
                _value = value;
                _has = true;
                Schedule(Interlocked.Exchange(ref _w, null));
            }

            private static void Schedule(Waker? w) => External.Post(w);

            public Poll<T> Poll(Context cx)
            {
                Volatile.Write(ref _w, cx.Waker);
                return _has ? Poll<T>.Ready(_value!) : Poll<T>.Pending;
            }
        }

        public static class External { public static void Post(object? o) { } }
        """);

    [Fact]
    public Task ResettingACounterBelowWhatThePollWaitsFor() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public sealed class Permits
        {
            private readonly object _gate = new();
            private int _permits;
            private Waker? _w;
            public void Release() { Waker? w; lock (_gate) { _permits++; w = _w; _w = null; } w?.Wake(); }
            public void Drain() { lock (_gate) { _permits = 0; } }

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
    public Task WakesThroughALocalListFilledByDraining() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Version
        {
            private readonly object _gate = new();
            private readonly Queue<Waker> _waiters = new();
            private int _version;
            private bool _closed;

            public void Publish()
            {
                List<Waker> ws = new();
                lock (_gate) { _version++; while (_waiters.Count > 0) ws.Add(_waiters.Dequeue()); }
                foreach (var w in ws) w.Wake();
            }

            public void Close() { lock (_gate) { _closed = true; } WakeAll(); }

            private void WakeAll()
            {
                var ws = new Stack<Waker>();
                lock (_gate) { while (_waiters.TryDequeue(out var w)) ws.Push(w); }
                while (ws.Count > 0) ws.Pop().Wake();
            }

            public Poll<bool> PollChanged(int seen, Context cx)
            {
                lock (_gate)
                {
                    if (_closed) return Poll<bool>.Ready(false);
                    if (_version != seen) return Poll<bool>.Ready(true);
                    _waiters.Enqueue(cx.Waker);
                    return Poll<bool>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task SenderInAnotherClassWakesDirectlyOrThroughTheSharedObject() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Shared
        {
            public readonly object Gate = new();
            public readonly Queue<int> Items = new();
            public bool Closed;
            public Waker? RxWaker;

            public void WakeReceiver()
            {
                Waker? w;
                lock (Gate) { w = RxWaker; RxWaker = null; }
                w?.Wake();
            }
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
                lock (_shared.Gate) { _shared.Closed = true; }
                _shared.WakeReceiver();
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
    public Task StepOfASharedEntryCalledByAnotherTypeIsJudgedWithItsCaller() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Entry
        {
            private int _fired;
            public AtomicWaker Waker { get; } = new();
            public bool IsFired => Volatile.Read(ref _fired) != 0;
            public void Fire() { Volatile.Write(ref _fired, 1); Waker.Wake(); }
            public void MarkFired() => Volatile.Write(ref _fired, 1);
        }

        public sealed class Driver
        {
            public void Expire(Entry e) { e.MarkFired(); e.Waker.Wake(); }
        }

        public sealed class Sleep : IFuture<Unit>
        {
            private readonly Entry _entry = new();

            public Poll<Unit> Poll(Context cx)
            {
                _entry.Waker.Register(cx.Waker);
                if (_entry.IsFired) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task WritesThatCannotMakeThePollReady() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using Wakers;

        public enum Phase { Idle, Armed, Done }

        public sealed class Channel : IFuture<int>
        {
            private readonly object _gate = new();
            private bool _paused;
            private Phase _phase;
            private int _value;
            private Waker? _rx;

            // Raising the flag that only holds the poll back, or moving to a state no Ready arm tests: not a publish.
            public void Pause() { lock (_gate) { _paused = true; } }
            public void Arm() { lock (_gate) { _phase = Phase.Armed; } }

            public void Send(int v)
            {
                Waker? w;
                lock (_gate) { _value = v; _phase = Phase.Done; _paused = false; w = _rx; _rx = null; }
                w?.Wake();
            }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_paused) { _rx = cx.Waker; return Poll<int>.Pending; }
                    var r = _phase switch
                    {
                        Phase.Done => Poll<int>.Ready(_value),
                        _ => Poll<int>.Pending,
                    };
                    if (r.IsPending) _rx = cx.Waker;
                    return r;
                }
            }
        }
        """);

    [Fact]
    public Task AtomicResetToANumberNoReadyTestAccepts() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Pulse : IFuture<Unit>
        {
            private readonly AtomicWaker _waiter = new();
            private int _pulsed;

            public void Set() { Volatile.Write(ref _pulsed, 1); _waiter.Wake(); }
            public void Reset() { Volatile.Write(ref _pulsed, 0); }
            public void ResetOld() { Interlocked.Exchange(ref _pulsed, 0); }

            public Poll<Unit> Poll(Context cx)
            {
                _waiter.Register(cx.Waker);
                return Volatile.Read(ref _pulsed) == 1 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);
    [Fact]
    public Task OneWayWritesThatMoveAwayFromReady() => Verify.Valid<PublishWithoutWakeAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Credits : IFuture<Unit>
        {
            private const int RingBit = 1;
            private readonly AtomicWaker _waiter = new();
            private int _credits;
            private int _flags;

            public void Grant() { Interlocked.Add(ref _credits, 2); Interlocked.Or(ref _flags, RingBit); _waiter.Wake(); }
            public void Revoke() { Interlocked.Decrement(ref _credits); }
            public void RevokeTwo() { _credits -= 2; _credits--; Interlocked.Add(ref _credits, -1); }
            public void Ack() { Interlocked.And(ref _flags, ~RingBit); _flags &= ~RingBit; }

            public Poll<Unit> Poll(Context cx)
            {
                _waiter.Register(cx.Waker);
                if ((Volatile.Read(ref _flags) & RingBit) != 0) return Poll<Unit>.Ready(Unit.Value);
                return Volatile.Read(ref _credits) > 0 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);
}
