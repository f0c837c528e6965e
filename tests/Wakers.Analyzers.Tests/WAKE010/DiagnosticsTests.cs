using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE010;

/// <summary>Outside poll methods, a stored waker cleared or overwritten without a wake: WAKE010 at the clearing write.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task CloseClearsTheWaiters() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Gate
        {
            private readonly object _sync = new();
            private readonly List<Waker> _waiters = new();
            private bool _open;

            public void Open()
            {
                Waker[] toWake;
                lock (_sync) { _open = true; toWake = _waiters.ToArray(); _waiters.Clear(); }
                foreach (var w in toWake) w.Wake();
            }

            public void Close()
            {
                lock (_sync)
                {
                    _open = false;
                    [|_waiters.Clear()|];
                }
            }

            public Poll<Unit> PollPass(Context cx)
            {
                lock (_sync)
                {
                    if (_open) return Poll<Unit>.Ready(Unit.Value);
                    _waiters.Add(cx.Waker);
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task ResetNullsTheWakerUnderSystemThreadingLock() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Resettable : IFuture<Unit>
        {
            private readonly Lock _gate = new();
            private bool _set;
            private Waker? _w;
            public void Set() { Waker? w; lock (_gate) { _set = true; w = _w; _w = null; } w?.Wake(); }

            public void Reset()
            {
                lock (_gate)
                {
                    _set = false;
                    [|_w = null|];
                }
            }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_set) return Poll<Unit>.Ready(Unit.Value);
                    _w = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task ReplacedListAndClearedDictionaryInTryCatch() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System;
        using System.Collections.Generic;
        using Wakers;

        public sealed class Notify
        {
            private readonly object _gate = new();
            private List<Waker> _waiters = new();
            private readonly Dictionary<int, Waker> _byId = new();
            private int _generation;

            public void NotifyAll()
            {
                List<Waker> ws;
                lock (_gate) { _generation++; ws = _waiters; _waiters = new List<Waker>(); }
                foreach (var w in ws) w.Wake();
            }

            public void Forget()
            {
                try
                {
                    lock (_gate)
                    {
                        [|_waiters = new List<Waker>()|];
                        [|_byId.Clear()|];
                    }
                }
                catch (InvalidOperationException) { }
            }

            public Poll<Unit> PollNotified(Context cx, int seen, int id)
            {
                lock (_gate)
                {
                    if (_generation != seen) return Poll<Unit>.Ready(Unit.Value);
                    _waiters.Add(cx.Waker);
                    _byId[id] = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task HelperClearsANestedStatesWaker() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using Wakers;

        public sealed class Outer : IFuture<Unit>
        {
            private sealed class Shared { public bool Done; public Waker? Waker; }
            private readonly Shared _s = new();

            public void Restart() => Forget();
            private void Forget() { lock (_s) { _s.Done = false; [|_s.Waker = null|]; } }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_s)
                {
                    if (_s.Done) return Poll<Unit>.Ready(Unit.Value);
                    _s.Waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task DiscardedExchangeAndVolatileNullAreClears() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Signal : IFuture<Unit>
        {
            private Waker? _waker;
            private int _fired;
            public void Fire() { Interlocked.Exchange(ref _fired, 1); Interlocked.Exchange(ref _waker, null)?.Wake(); }
            public void Detach() { [|Interlocked.Exchange(ref _waker, null)|]; }
            public void Detach2() { [|_ = Interlocked.Exchange(ref _waker, null)|]; }
            public void Detach3() { [|Volatile.Write(ref _waker, null)|]; }

            public Poll<Unit> Poll(Context cx)
            {
                if (Volatile.Read(ref _fired) == 1) return Poll<Unit>.Ready(Unit.Value);
                Interlocked.Exchange(ref _waker, cx.Waker);
                if (Volatile.Read(ref _fired) == 1) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task ChannelDisposeDropsTheReceiversWaker() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Chan : IDisposable
        {
            private readonly object _gate = new();
            private int _items;
            private Waker? _rx;

            public void Send() { Waker? w; lock (_gate) { _items++; w = _rx; _rx = null; } w?.Wake(); }
            public void Dispose() { lock (_gate) { [|_rx = null|]; } }

            public Poll<int> PollRecv(Context cx)
            {
                lock (_gate)
                {
                    if (_items > 0) return Poll<int>.Ready(_items--);
                    _rx = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task ControllerInAnotherClassResetsTheWaitList() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class WaitList
        {
            public readonly object Gate = new();
            public readonly List<Waker> Waiters = new();
            public bool Open;
        }

        public sealed class Controller
        {
            private readonly WaitList _list;
            public Controller(WaitList list) => _list = list;

            public void Open()
            {
                Waker[] ws;
                lock (_list.Gate) { _list.Open = true; ws = _list.Waiters.ToArray(); _list.Waiters.Clear(); }
                foreach (var w in ws) w.Wake();
            }

            public void Reset()
            {
                lock (_list.Gate) { _list.Open = false; [|_list.Waiters.Clear()|]; }
            }
        }

        public sealed class WaitOpen : IFuture<Unit>
        {
            private readonly WaitList _list;
            public WaitOpen(WaitList list) => _list = list;

            public Poll<Unit> Poll(Context cx)
            {
                lock (_list.Gate)
                {
                    if (_list.Open) return Poll<Unit>.Ready(Unit.Value);
                    _list.Waiters.Add(cx.Waker);
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task OverwrittenWithTheNoopWaker() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Subscription : IFuture<int>
        {
            private int _done;
            private Waker _waiter = Waker.Noop;
            private Waker _other = Waker.Noop;

            public void Complete()
            {
                Volatile.Write(ref _done, 1);
                Volatile.Read(ref _waiter).Wake();
                _other.Wake();
            }

            public void Detach() => [|Volatile.Write(ref _waiter, Waker.Noop)|];
            public void DetachOther() { [|_other = Waker.Noop|]; }

            public Poll<int> Poll(Context cx)
            {
                Interlocked.Exchange(ref _waiter, cx.Waker);
                _other = cx.Waker;
                return Volatile.Read(ref _done) == 1 ? Poll<int>.Ready(1) : Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task AtomicWakerTakenAndThrownAway() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Pulse : IFuture<Unit>
        {
            private readonly AtomicWaker _waiter = new();
            private int _pulsed;

            public void Set() { Volatile.Write(ref _pulsed, 1); _waiter.Wake(); }

            public void Reset()
            {
                Volatile.Write(ref _pulsed, 0);
                [|_waiter.Take()|];
            }

            public void Handover() { _waiter.Take()?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                _waiter.Register(cx.Waker);
                return Volatile.Read(ref _pulsed) == 1 ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task ArrayClearOfAWakerSlab() => Verify.Diagnostics<DroppedWakerAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Tickets
        {
            private readonly object _gate = new();
            private readonly Waker?[] _slots = new Waker?[8];
            private readonly bool[] _served = new bool[8];

            public void Serve(int t) { Waker? w; lock (_gate) { _served[t] = true; w = _slots[t]; _slots[t] = null; } w?.Wake(); }

            public void Reset()
            {
                lock (_gate)
                {
                    Array.Clear(_served);
                    [|Array.Clear(_slots)|];
                }
            }

            public void ResetAndWake()
            {
                Waker?[] all;
                lock (_gate) { all = (Waker?[])_slots.Clone(); Array.Clear(_slots, 0, _slots.Length); }
                foreach (var w in all) w?.Wake();
            }

            public Poll<Unit> PollServed(Context cx, int t)
            {
                lock (_gate)
                {
                    if (_served[t]) return Poll<Unit>.Ready(Unit.Value);
                    _slots[t] = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);
}
