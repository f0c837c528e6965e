using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.CodeFixes;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE002;

/// <summary>The WAKE002 fix: refresh the waker unless it will wake the same task; register on every poll behind a flag.</summary>
public class CodeFixTests
{
    private const string Header = """
        using System.Threading;
        using Wakers;

        public sealed class Signal : IFuture<Unit>
        {
            private readonly object _gate = new();
            private readonly AtomicWaker _atomic = new();
            private bool _fired;
            private bool _registered;
            private Waker? _waker;

        """;

    [Fact]
    public Task NullCheckBecomesTheWillWakeRefresh() => Verify.CodeFix<StaleWakerAnalyzer, RefreshWakerFix>(Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker == null)
                        [|_waker = cx.Waker|];
                    return Poll<Unit>.Pending;
                }
            }
        }
        """, Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is null || !_waker.WillWake(cx.Waker))
                        _waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task CoalesceAssignmentBecomesTheRefresh() => Verify.CodeFix<StaleWakerAnalyzer, RefreshWakerFix>(Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    [|_waker ??= cx.Waker|];
                    return Poll<Unit>.Pending;
                }
            }
        }
        """, Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is null || !_waker.WillWake(cx.Waker))
                        _waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task FlagAroundAtomicWakerRegistersOnEveryPoll() => Verify.CodeFix<StaleWakerAnalyzer, RefreshWakerFix>(Header + """
            public Poll<Unit> Poll(Context cx)
            {
                if (!_registered)
                {
                    [|_atomic.Register(cx.Waker)|];
                    _registered = true;
                }
                if (Volatile.Read(ref _fired)) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """, """
        using System.Threading;
        using Wakers;

        public sealed class Signal : IFuture<Unit>
        {
            private readonly object _gate = new();
            private readonly AtomicWaker _atomic = new();
            private bool _fired;
            private Waker? _waker;
            public Poll<Unit> Poll(Context cx)
            {
                _atomic.Register(cx.Waker);
                if (Volatile.Read(ref _fired)) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task AFlagOnlyTheGuardReadGoesWithEveryWriteOfIt() => Verify.CodeFix<StaleWakerAnalyzer, RefreshWakerFix>("""
        using System.Threading;
        using Wakers;

        public sealed class Gate : IFuture<Unit>
        {
            private readonly AtomicWaker _atomic = new();
            private bool _open, _parked;

            public void Open()
            {
                Volatile.Write(ref _open, true);
                _parked = false;
                _atomic.Wake();
            }

            public Poll<Unit> Poll(Context cx)
            {
                if (Volatile.Read(ref _open)) { _parked = false; return Poll<Unit>.Ready(Unit.Value); }
                if (!this._parked)
                {
                    [|_atomic.Register(cx.Waker)|];
                    this._parked = true;
                }
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """, """
        using System.Threading;
        using Wakers;

        public sealed class Gate : IFuture<Unit>
        {
            private readonly AtomicWaker _atomic = new();
            private bool _open;

            public void Open()
            {
                Volatile.Write(ref _open, true);
                _atomic.Wake();
            }

            public Poll<Unit> Poll(Context cx)
            {
                if (Volatile.Read(ref _open)) { return Poll<Unit>.Ready(Unit.Value); }
                _atomic.Register(cx.Waker);
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task FixAllDropsAFlagThatOnlyTheFixedGuardsRead() => Verify.FixAll<StaleWakerAnalyzer, RefreshWakerFix>("""
        using System.Threading;
        using Wakers;

        public sealed class Duplex
        {
            private readonly AtomicWaker _atomic = new();
            private bool _open;
            private bool _parked;

            public void Open()
            {
                Volatile.Write(ref _open, true);
                _atomic.Wake();
            }

            public Poll<Unit> PollRead(Context cx)
            {
                if (!_parked)
                {
                    [|_atomic.Register(cx.Waker)|];
                    _parked = true;
                }
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }

            public Poll<Unit> PollWrite(Context cx)
            {
                if (!_parked)
                {
                    [|_atomic.Register(cx.Waker)|];
                    _parked = true;
                }
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """, """
        using System.Threading;
        using Wakers;

        public sealed class Duplex
        {
            private readonly AtomicWaker _atomic = new();
            private bool _open;

            public void Open()
            {
                Volatile.Write(ref _open, true);
                _atomic.Wake();
            }

            public Poll<Unit> PollRead(Context cx)
            {
                _atomic.Register(cx.Waker);
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }

            public Poll<Unit> PollWrite(Context cx)
            {
                _atomic.Register(cx.Waker);
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task AFlagReadElsewhereStays() => Verify.CodeFix<StaleWakerAnalyzer, RefreshWakerFix>("""
        using System.Threading;
        using Wakers;

        public sealed class Gate : IFuture<Unit>
        {
            private readonly AtomicWaker _atomic = new();
            private bool _open;
            private bool _parked;

            public bool IsParked => _parked;

            public void Open()
            {
                Volatile.Write(ref _open, true);
                _atomic.Wake();
            }

            public Poll<Unit> Poll(Context cx)
            {
                if (!_parked)
                {
                    [|_atomic.Register(cx.Waker)|];
                    _parked = true;
                }
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """, """
        using System.Threading;
        using Wakers;

        public sealed class Gate : IFuture<Unit>
        {
            private readonly AtomicWaker _atomic = new();
            private bool _open;
            private bool _parked;

            public bool IsParked => _parked;

            public void Open()
            {
                Volatile.Write(ref _open, true);
                _atomic.Wake();
            }

            public Poll<Unit> Poll(Context cx)
            {
                _atomic.Register(cx.Waker);
                _parked = true;
                return Volatile.Read(ref _open) ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task EarlyReturnKeepsOnlyTheSameTask() => Verify.CodeFix<StaleWakerAnalyzer, RefreshWakerFix>(Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is not null) return Poll<Unit>.Pending;
                    [|_waker = cx.Waker|];
                    return Poll<Unit>.Pending;
                }
            }
        }
        """, Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is not null && _waker.WillWake(cx.Waker)) return Poll<Unit>.Pending;
                    _waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task NoFixForAWakerCapturedInTheConstructor() => Verify.NoFix<StaleWakerAnalyzer, RefreshWakerFix>("""
        using Wakers;

        public sealed class Timer : IFuture<Unit>
        {
            private readonly Waker _waker;
            private volatile bool _elapsed;

            public Timer(Waker waker) { [|_waker = waker|]; }

            public void Elapse() { _elapsed = true; _waker.Wake(); }

            public Poll<Unit> Poll(Context cx) => _elapsed ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
        }
        """);

    [Fact]
    public Task FixAllRefreshesEveryGuard() => Verify.FixAll<StaleWakerAnalyzer, RefreshWakerFix>(Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    [|_waker ??= cx.Waker|];
                    return Poll<Unit>.Pending;
                }
            }

            public Poll<Unit> PollAgain(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is null) { [|_waker = cx.Waker|]; }
                    return Poll<Unit>.Pending;
                }
            }
        }
        """, Header + """
            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is null || !_waker.WillWake(cx.Waker))
                        _waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }

            public Poll<Unit> PollAgain(Context cx)
            {
                lock (_gate)
                {
                    if (_fired) return Poll<Unit>.Ready(Unit.Value);
                    if (_waker is null || !_waker.WillWake(cx.Waker)) { _waker = cx.Waker; }
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);
}
