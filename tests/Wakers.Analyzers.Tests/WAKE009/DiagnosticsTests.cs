using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE009;

/// <summary>The store before a readiness check that one lock holds together with it: WAKE009 (Info) at the store.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task LockOnObject() => Verify.Diagnostics<RegisterBeforeCheckUnderLockAnalyzer>("""
        using Wakers;

        public sealed class Mailbox : IFuture<string>
        {
            private readonly object _gate = new();
            private string? _mail;
            private Waker? _owner;

            public void Deliver(string mail)
            {
                Waker? w;
                lock (_gate) { _mail = mail; w = _owner; _owner = null; }
                w?.Wake();
            }

            public Poll<string> Poll(Context cx)
            {
                lock (_gate)
                {
                    [|_owner = cx.Waker|];
                    if (_mail is { } m) return Poll<string>.Ready(m);
                    return Poll<string>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task MonitorInTryFinally() => Verify.Diagnostics<RegisterBeforeCheckUnderLockAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class MonitorFirst : IFuture<int>
        {
            private readonly object _gate = new();
            private int? _v;
            private Waker? _w;
            public void Set(int v) { Waker? w; lock (_gate) { _v = v; w = _w; _w = null; } w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                Monitor.Enter(_gate);
                try
                {
                    [|_w = cx.Waker|];
                    if (_v is int v) return Poll<int>.Ready(v);
                    return Poll<int>.Pending;
                }
                finally { Monitor.Exit(_gate); }
            }
        }
        """);

    [Fact]
    public Task SystemThreadingLockWithASwitch() => Verify.Diagnostics<RegisterBeforeCheckUnderLockAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class LockTypeFirst : IFuture<Unit>
        {
            private readonly Lock _lock = new();
            private bool _open;
            private readonly AtomicWaker _aw = new();
            public void Open() { lock (_lock) { _open = true; } _aw.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_lock)
                {
                    [|_aw.Register(cx.Waker)|];
                    switch (_open)
                    {
                        case true: return Poll<Unit>.Ready(Unit.Value);
                        default: return Poll<Unit>.Pending;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task HelperGivenTheContextInAGenericStruct() => Verify.Diagnostics<RegisterBeforeCheckUnderLockAnalyzer>("""
        using Wakers;

        public sealed class State { public int N; public Waker? W; }

        public readonly struct Counter<T> : IFuture<int>
        {
            private readonly State _s;
            public Counter(State s) { _s = s; }
            private void Park(Context cx) { _s.W = cx.Waker; }

            public Poll<int> Poll(Context cx)
            {
                lock (_s)
                {
                    [|Park(cx)|];
                    return _s.N > 0 ? Poll<int>.Ready(_s.N) : Poll<int>.Pending;
                }
            }
        }
        """);
}
