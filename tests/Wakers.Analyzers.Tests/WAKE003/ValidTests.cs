using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE003;

public class ValidTests
{
    [Fact]
    public Task PollsWithItsOwnContext() => Verify.Valid<ForeignContextAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Map<T, U> : IFuture<U>
        {
            private readonly IFuture<T> _inner;
            private readonly Func<T, U> _f;
            public Map(IFuture<T> inner, Func<T, U> f) { _inner = inner; _f = f; }

            public Poll<U> Poll(Context cx)
            {
                var same = cx;
                var r = _inner.Poll(same);
                return r.IsReady ? Poll<U>.Ready(_f(r.Value)) : Poll<U>.Pending;
            }
        }
        """);

    [Fact]
    public Task JoinWithChildWakersThatWakeTheParent() => Verify.Valid<ForeignContextAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class JoinAll : IFuture<int[]>
        {
            private sealed class ChildWaker : Waker
            {
                private readonly Waker _parent;
                private readonly JoinAll _owner;
                public ChildWaker(Waker parent, JoinAll owner) { _parent = parent; _owner = owner; }
                public override void Wake() { Interlocked.Increment(ref _owner._wakeups); Forward(); }
                private void Forward() => _parent.Wake();
            }

            private readonly IFuture<int>[] _children;
            private readonly int?[] _results;
            private int _wakeups;
            public JoinAll(IFuture<int>[] children) { _children = children; _results = new int?[children.Length]; }

            public Poll<int[]> Poll(Context cx)
            {
                var done = true;
                for (var i = 0; i < _children.Length; i++)
                {
                    if (_results[i] is not null) continue;
                    var child = new Context(new ChildWaker(cx.Waker, this));
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
    public Task PrimaryConstructorRelayAndWakerCreate() => Verify.Valid<ForeignContextAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Relay(Waker parent) : Waker
        {
            public override void Wake() => parent?.Wake();
        }

        public sealed class Relayed<T> : IFuture<T>
        {
            private readonly IFuture<T> _inner;
            private int _wakeups;
            public Relayed(IFuture<T> inner) => _inner = inner;

            public Poll<T> Poll(Context cx) => _inner.Poll(new Context(new Relay(cx.Waker)));

            public Poll<T> PollCounting(Context cx)
            {
                var parent = cx.Waker;
                var child = Waker.Create(() => { Interlocked.Increment(ref _wakeups); parent.Wake(); });
                return _inner.Poll(new Context(child));
            }
        }
        """);

    [Fact]
    public Task SharedAtomicWakerRegisteredByThePoll() => Verify.Valid<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class JoinTwo : IFuture<(int, int)>
        {
            private sealed class ChildWaker : Waker
            {
                private readonly AtomicWaker _parent;
                public ChildWaker(AtomicWaker parent) => _parent = parent;
                public override void Wake() => _parent.Wake();
            }

            private readonly AtomicWaker _parent = new();
            private readonly ChildWaker _childWaker;
            private readonly IFuture<int> _a;
            private readonly IFuture<int> _b;
            private int? _ra, _rb;

            public JoinTwo(IFuture<int> a, IFuture<int> b) { _a = a; _b = b; _childWaker = new ChildWaker(_parent); }

            public Poll<(int, int)> Poll(Context cx)
            {
                _parent.Register(cx.Waker);
                var child = new Context(_childWaker);
                if (_ra is null) { var r = _a.Poll(child); if (r.IsReady) _ra = r.Value; }
                if (_rb is null) { var r = _b.Poll(child); if (r.IsReady) _rb = r.Value; }
                return _ra is { } x && _rb is { } y ? Poll<(int, int)>.Ready((x, y)) : Poll<(int, int)>.Pending;
            }
        }
        """);

    [Fact]
    public Task NoopOutsidePollMethodsOnParametersAndLocals() => Verify.Valid<ForeignContextAnalyzer>("""
        using System.Threading;
        using Wakers;

        public static class Drive
        {
            public static bool NowOrNever<T>(IFuture<T> future, out T value)
            {
                var r = future.Poll(new Context(Waker.Noop));
                value = r.IsReady ? r.Value : default!;
                return r.IsReady;
            }

            public static T Spin<T>(IFuture<T> future)
            {
                using var gate = new ManualResetEventSlim();
                var cx = new Context(Waker.Create(() => gate.Set()));
                while (true)
                {
                    var r = future.Poll(cx);
                    if (r.IsReady) return r.Value;
                    gate.Wait();
                    gate.Reset();
                }
            }
        }

        public sealed class Wrapper : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Wrapper(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx) => _inner.Poll(cx);

            // A parameter, not the field the poll uses.
            public static bool Probe(IFuture<int> other) => other.Poll(new Context(Waker.Noop)).IsReady;
        }
        """);

    [Fact]
    public Task AnExecutorPollsItsTasksWithTheirOwnWakers() => Verify.Valid<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class MiniExecutor
        {
            private sealed class TaskWaker : Waker
            {
                private readonly MiniExecutor _owner;
                public TaskWaker(MiniExecutor owner) => _owner = owner;
                public override void Wake() => _owner._woken = true;
            }

            private readonly IFuture<int> _future;
            private volatile bool _woken = true;
            public MiniExecutor(IFuture<int> future) => _future = future;

            public int? RunOnce()
            {
                if (!_woken) return null;
                _woken = false;
                var r = _future.Poll(new Context(new TaskWaker(this)));
                return r.IsReady ? r.Value : null;
            }
        }
        """);

    [Fact]
    public Task LookalikeTypesAreNotTheRuntimes() => Verify.Valid<ForeignContextAnalyzer>("""
        namespace Lookalike;

        public sealed class Waker { public static Waker Noop { get; } = new(); }
        public readonly struct Context { public Context(Waker w) { } }
        public readonly struct Poll<T> { }
        public interface IFuture<T> { Poll<T> Poll(Context cx); }

        public sealed class Timeout : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Timeout(IFuture<int> inner) => _inner = inner;
            public Poll<int> Poll(Context cx) => _inner.Poll(new Context(Waker.Noop));
        }
        """);

    [Fact]
    public Task SelectAndTimeoutWithChildWakersInStructs() => Verify.Valid<ForeignContextAnalyzer>("""
        using Wakers;

        public struct Select<T> : IFuture<T>
        {
            private readonly IFuture<T> _a;
            private readonly IFuture<T> _b;
            public Select(IFuture<T> a, IFuture<T> b) { _a = a; _b = b; }

            public Poll<T> Poll(Context cx)
            {
                var waker = cx.Waker;
                var child = new Context(Waker.Create(() => waker.Wake()));
                var a = _a.Poll(child);
                if (a.IsReady) return a;
                return _b.Poll(cx);
            }
        }

        public sealed class Timeout<T> : IFuture<T?>
        {
            private readonly IFuture<T> _inner;
            private readonly IFuture<Unit> _deadline;
            public Timeout(IFuture<T> inner, IFuture<Unit> deadline) { _inner = inner; _deadline = deadline; }

            public Poll<T?> Poll(Context cx)
            {
                var r = _inner.Poll(cx);
                if (r.IsReady) return Poll<T?>.Ready(r.Value);
                return _deadline.Poll(cx).IsReady ? Poll<T?>.Ready(default) : Poll<T?>.Pending;
            }
        }
        """);

    [Fact]
    public Task ReassignedLocalStillHoldingCxWaker() => Verify.Valid<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Half : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Half(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                var w = cx.Waker;
                w = w ?? Waker.Noop;
                return _inner.Poll(new Context(w));
            }
        }
        """);
    [Fact]
    public Task RelayBuiltInTheConstructorAndRefreshedParent() => Verify.Valid<ForeignContextAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Relayed<T> : IFuture<T>
        {
            private readonly IFuture<T> _inner;
            private readonly Waker _relay;
            private Waker? _parent;

            public Relayed(IFuture<T> inner)
            {
                _inner = inner;
                _relay = Waker.Create(() => Volatile.Read(ref _parent)?.Wake());
            }

            public Poll<T> Poll(Context cx)
            {
                Volatile.Write(ref _parent, cx.Waker);
                return _inner.Poll(new Context(_relay));
            }
        }

        // The stale copy of the first poller's waker is WAKE002's bug (a guarded store), not also WAKE003's.
        public sealed class FirstPoller<T> : IFuture<T>
        {
            private readonly IFuture<T> _inner;
            private Waker? _first;
            public FirstPoller(IFuture<T> inner) => _inner = inner;

            public Poll<T> Poll(Context cx)
            {
                _first ??= cx.Waker;
                return _inner.Poll(new Context(_first));
            }
        }
        """);

    [Fact]
    public Task RelayWakersAroundCxWakerInLambdasAndLocalFunctions() => Verify.Valid<ForeignContextAnalyzer>("""
        using System.Threading;
        using Wakers;

        public static class Relays
        {
            public static PollFn<string> Counting(IFuture<string> inner, Waker unused)
            {
                var wakeups = 0;
                return cx =>
                {
                    var parent = cx.Waker;
                    return inner.Poll(new Context(Waker.Create(() => { Interlocked.Increment(ref wakeups); parent.Wake(); })));
                };
            }

            public static IFuture<string> ByLocalFunction(IFuture<string> inner, Waker unused)
            {
                Poll<string> PollForward(Context cx)
                {
                    var own = cx.Waker;
                    return inner.Poll(new Context(own));
                }
                return Future.FromPoll<string>(PollForward);
            }

            public static PollFn<string> StepHandedTheTasksWaker(IFuture<string> inner)
            {
                Poll<string> Step(Context outer, Waker waker, int tries) =>
                    tries > 0 ? Step(outer, waker, tries - 1) : inner.Poll(new Context(waker));
                return cx => Step(cx, cx.Waker, 2);
            }

            // A Waker parameter that is not used to poll anything: only the Context it polls with matters.
            public static Poll<string> PollAndNote(IFuture<string> inner, Context cx, Waker observer)
            {
                _ = observer.WillWake(cx.Waker);
                return inner.Poll(cx);
            }
        }
        """);

    [Fact]
    public Task PrivateHelpersHandedCxWakerByTheirCallers() => Verify.Valid<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Forward : IFuture<string>
        {
            private readonly IFuture<string> _inner;
            private readonly IFuture<string> _other;
            public Forward(IFuture<string> inner, IFuture<string> other) { _inner = inner; _other = other; }

            public Poll<string> Poll(Context cx)
            {
                var r = PollWith(cx, cx.Waker);
                if (r.IsReady) return r;
                var own = cx.Waker;
                return Relay(own);
            }

            public Poll<string> PollAgain(Context cx) => Relay(cx.Waker);

            // Every caller hands over its own cx.Waker: polling with it is polling with cx.
            private Poll<string> PollWith(Context cx, Waker waker) => _inner.Poll(new Context(waker));

            // No Context of its own, but only ever handed a poll's cx.Waker, two calls deep.
            private Poll<string> Relay(Waker waker) => RelayOn(waker);

            private Poll<string> RelayOn(Waker waker) => _other.Poll(new Context(waker));

            public Poll<string> PollOther(Context cx) => _other.Poll(cx);
        }
        """);
}
