using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE010;

/// <summary>Take-and-wake, wake-then-clear, Dispose and constructors: no WAKE010.</summary>
public class ValidTests
{
    [Fact]
    public Task TakeAndWakeWakeThenClearAndDispose() => Verify.Valid<DroppedWakerAnalyzer>("""
        using System;
        using System.Collections.Generic;
        using System.Threading;
        using Wakers;

        public sealed class Fine : IFuture<Unit>, IDisposable
        {
            private readonly object _gate = new();
            private readonly List<Waker> _ws = new();
            private Waker? _one;
            private bool _open;

            public Fine() { _ws.Clear(); _one = null; }

            public void Open() { lock (_gate) { _open = true; } WakeAll(); _ws.Clear(); }
            private void WakeAll() { foreach (var w in _ws) w.Wake(); }
            public void Kick() { var w = Interlocked.Exchange(ref _one, null); w?.Wake(); }
            public void Poke() { Waker? w; lock (_gate) { w = _one; _one = null; } w?.Wake(); }
            public void Dispose() { lock (_gate) { _ws.Clear(); _one = null; } }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_open) return Poll<Unit>.Ready(Unit.Value);
                    _ws.Add(cx.Waker);
                    _one = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task ClearingInsideThePollIsNotADrop() => Verify.Valid<DroppedWakerAnalyzer>("""
        using Wakers;

        public sealed class SelfClearing : IFuture<int>
        {
            private Waker? _w;
            private volatile int _v;
            public void Set(int v) { _v = v; _w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                _w = cx.Waker;
                if (_v != 0) { _w = null; return Poll<int>.Ready(_v); }
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task ClearingAFieldNoPollStoresInto() => Verify.Valid<DroppedWakerAnalyzer>("""
        using Wakers;

        public sealed class Other
        {
            private Waker? _observer;
            private Waker? _w;
            private volatile bool _done;
            public void Detach() { _observer = null; }
            public void Set() { _done = true; _w?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                _w = cx.Waker;
                return _done ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);
}
