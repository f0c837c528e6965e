using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.CodeFixes;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE009;

/// <summary>The fix moves the store after the checks, just before the Pending return.</summary>
public class CodeFixTests
{
    [Fact]
    public Task MovesTheStoreOntoThePendingPath() => Verify.CodeFix<RegisterBeforeCheckUnderLockAnalyzer, StoreOnPendingPathFix>("""
        using Wakers;

        public sealed class Mailbox : IFuture<string>
        {
            private readonly object _gate = new();
            private string? _mail;
            private Waker? _owner;
            public void Deliver(string mail) { Waker? w; lock (_gate) { _mail = mail; w = _owner; _owner = null; } w?.Wake(); }

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
        """, """
        using Wakers;

        public sealed class Mailbox : IFuture<string>
        {
            private readonly object _gate = new();
            private string? _mail;
            private Waker? _owner;
            public void Deliver(string mail) { Waker? w; lock (_gate) { _mail = mail; w = _owner; _owner = null; } w?.Wake(); }

            public Poll<string> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_mail is { } m) return Poll<string>.Ready(m);
                    _owner = cx.Waker;
                    return Poll<string>.Pending;
                }
            }
        }
        """, "Store the waker on the Pending path");

    [Fact]
    public Task FixAllAcrossPollMethods() => Verify.FixAll<RegisterBeforeCheckUnderLockAnalyzer, StoreOnPendingPathFix>("""
        using System.Threading;
        using Wakers;

        public sealed class Two
        {
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private int _a, _b;
            private Waker? _wa, _wb;
            public void Add() { Waker? x, y; lock (_gate) { _a++; x = _wa; _wa = null; } lock (_lock) { _b++; y = _wb; _wb = null; } x?.Wake(); y?.Wake(); }

            public Poll<int> PollA(Context cx)
            {
                Monitor.Enter(_gate);
                try
                {
                    [|_wa = cx.Waker|];
                    if (_a > 0) return Poll<int>.Ready(_a);
                    if (_a < 0) return Poll<int>.Ready(0);
                    return Poll<int>.Pending;
                }
                finally { Monitor.Exit(_gate); }
            }

            public Poll<int> PollB(Context cx)
            {
                lock (_lock)
                {
                    [|_wb = cx.Waker|];
                    if (_b > 0) return Poll<int>.Ready(_b);
                    return Poll<int>.Pending;
                }
            }
        }
        """, """
        using System.Threading;
        using Wakers;

        public sealed class Two
        {
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private int _a, _b;
            private Waker? _wa, _wb;
            public void Add() { Waker? x, y; lock (_gate) { _a++; x = _wa; _wa = null; } lock (_lock) { _b++; y = _wb; _wb = null; } x?.Wake(); y?.Wake(); }

            public Poll<int> PollA(Context cx)
            {
                Monitor.Enter(_gate);
                try
                {
                    if (_a > 0) return Poll<int>.Ready(_a);
                    if (_a < 0) return Poll<int>.Ready(0);
                    _wa = cx.Waker;
                    return Poll<int>.Pending;
                }
                finally { Monitor.Exit(_gate); }
            }

            public Poll<int> PollB(Context cx)
            {
                lock (_lock)
                {
                    if (_b > 0) return Poll<int>.Ready(_b);
                    _wb = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task NoFixWithoutASeparatePendingReturn() => Verify.NoFix<RegisterBeforeCheckUnderLockAnalyzer, StoreOnPendingPathFix>("""
        using Wakers;

        public sealed class Counter : IFuture<int>
        {
            private readonly object _gate = new();
            private int _n;
            private Waker? _w;
            public void Inc() { Waker? w; lock (_gate) { _n++; w = _w; _w = null; } w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    [|_w = cx.Waker|];
                    return _n > 0 ? Poll<int>.Ready(_n) : Poll<int>.Pending;
                }
            }
        }
        """);
}
