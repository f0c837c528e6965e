using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE003;

public class DiagnosticsTests
{
    [Fact]
    public Task NoopContextInPoll() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Timeout<T> : IFuture<T?>
        {
            private readonly IFuture<T> _inner;
            private readonly IFuture<Unit> _deadline;
            public Timeout(IFuture<T> inner, IFuture<Unit> deadline) { _inner = inner; _deadline = deadline; }

            public Poll<T?> Poll(Context cx)
            {
                var r = [|_inner.Poll(new Context(Waker.Noop))|];
                if (r.IsReady) return Poll<T?>.Ready(r.Value);
                return _deadline.Poll(cx).IsReady ? Poll<T?>.Ready(default) : Poll<T?>.Pending;
            }
        }
        """);

    [Fact]
    public Task ContextFirstPutInALocal() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Select<T> : IFuture<T>
        {
            private readonly IFuture<T> _a;
            private readonly IFuture<T> _b;
            public Select(IFuture<T> a, IFuture<T> b) { _a = a; _b = b; }

            public Poll<T> Poll(Context cx)
            {
                var a = _a.Poll(cx);
                if (a.IsReady) return a;
                var quiet = new Context(Waker.Noop);
                var b = [|_b.Poll(quiet)|];
                return b.IsReady ? b : Poll<T>.Pending;
            }
        }
        """);

    [Fact]
    public Task DefaultContextInALambdaPoll() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public static class Adapters
        {
            public static PollFn<int> Detached(IFuture<int> inner) => cx =>
            {
                var r = [|inner.Poll(default)|];
                return r.IsReady ? r : Poll<int>.Pending;
            };
        }
        """);

    [Fact]
    public Task StoredWakerOfTheCreatingTask() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Forward<T> : IFuture<T>
        {
            private readonly IFuture<T> _inner;
            private readonly Waker _creator;
            public Forward(IFuture<T> inner, Waker creator) { _inner = inner; _creator = creator; }

            public Poll<T> Poll(Context cx) => [|_inner.Poll(new Context(_creator))|];
        }
        """);

    [Fact]
    public Task ChildWakerThatKeepsTheParentButNeverWakesIt() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Counted<T> : IFuture<T>
        {
            private sealed class CountingWaker : Waker
            {
                private readonly Waker _parent;
                private int _count;
                public CountingWaker(Waker parent) => _parent = parent;
                public Waker Parent => _parent;
                public override void Wake() => Interlocked.Increment(ref _count);
            }

            private readonly IFuture<T> _inner;
            public Counted(IFuture<T> inner) => _inner = inner;

            public Poll<T> Poll(Context cx)
            {
                var child = new Context(new CountingWaker(cx.Waker));
                return [|_inner.Poll(child)|];
            }
        }
        """);

    [Fact]
    public Task EmptyWakerInALocalFunctionPoll() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public static class Adapters
        {
            public static PollFn<int> Wrap(IFuture<int> inner)
            {
                return PollIt;

                Poll<int> PollIt(Context cx)
                {
                    var empty = new Context(Waker.Create(() => { }));
                    return [|inner.Poll(empty)|];
                }
            }
        }
        """);

    [Fact]
    public Task ForeignPollOutsidePollOfAFieldThePollPollsWithCx() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Cancellable<T> : IFuture<T?>
        {
            private readonly IFuture<T> _inner;
            private volatile bool _cancelled;
            public Cancellable(IFuture<T> inner) => _inner = inner;

            public void Cancel()
            {
                _cancelled = true;
                var r = [|_inner.Poll(new Context(Waker.Noop))|];
                if (r.IsReady) _cancelled = false;
            }

            public Poll<T?> Poll(Context cx)
            {
                if (_cancelled) return Poll<T?>.Ready(default);
                var r = _inner.Poll(cx);
                return r.IsReady ? Poll<T?>.Ready(r.Value) : Poll<T?>.Pending;
            }
        }
        """);

    [Fact]
    public Task ForeignPollOfAPropertyInAHelperOfAnotherMethod() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Holder
        {
            private IFuture<int> Inner { get; }
            public Holder(IFuture<int> inner) => Inner = inner;

            public Poll<int> PollValue(Context cx) => Inner.Poll(cx);

            public bool Peek(Waker waker) => [|Inner.Poll(new Context(waker))|].IsReady;
        }
        """);

    [Fact]
    public Task NoopInALoopOverChildren() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class JoinAll : IFuture<int>
        {
            private readonly IFuture<int>[] _children;
            private readonly bool[] _done;
            private int _sum;
            public JoinAll(IFuture<int>[] children) { _children = children; _done = new bool[children.Length]; }

            public Poll<int> Poll(Context cx)
            {
                var pending = false;
                for (var i = 0; i < _children.Length; i++)
                {
                    if (_done[i]) continue;
                    var r = [|_children[i].Poll(new Context(Waker.Noop))|];
                    if (r.IsReady) { _done[i] = true; _sum += r.Value; } else pending = true;
                }
                if (pending) cx.Waker.Wake();
                return pending ? Poll<int>.Pending : Poll<int>.Ready(_sum);
            }
        }
        """);

    [Fact]
    public Task TryFinallyTryCatchAndSwitches() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Machine : IFuture<int>
        {
            private readonly IFuture<int> _a;
            private readonly IFuture<int> _b;
            private int _state;
            public Machine(IFuture<int> a, IFuture<int> b) { _a = a; _b = b; }

            public Poll<int> Poll(Context cx)
            {
                try
                {
                    switch (_state)
                    {
                        case 0:
                            return [|_a.Poll(new Context(Waker.Noop))|];
                        case 1:
                            try { return [|_b.Poll(default)|]; }
                            catch (InvalidOperationException) { return Poll<int>.Ready(-1); }
                        default:
                            return _state switch
                            {
                                2 => [|_a.Poll(new Context(Waker.Noop))|],
                                _ => _b.Poll(cx),
                            };
                    }
                }
                finally
                {
                    _state++;
                }
            }
        }
        """);

    [Fact]
    public Task StructGenericFutureWithSeveralPollMethods() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public struct Pair<T> : IFuture<T>
        {
            private readonly IFuture<T> _inner;
            private readonly IStream<T> _items;
            public Pair(IFuture<T> inner, IStream<T> items) { _inner = inner; _items = items; }

            public Poll<T> Poll(Context cx) => [|_inner.Poll(new Context(Waker.Noop))|];

            public Poll<(bool HasItem, T Item)> PollNext(Context cx)
            {
                var quiet = new Context(Waker.Noop);
                return [|_items.PollNext(quiet)|];
            }

            public Poll<T> PollFair(Context cx) => _inner.Poll(cx);
        }
        """);

    [Fact]
    public Task NestedTypesAndLocks() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Outer
        {
            public sealed class Guarded : IFuture<int>
            {
                private readonly object _gate = new();
                private readonly Lock _lock = new();
                private readonly IFuture<int> _a;
                private readonly IFuture<int> _b;
                private readonly IFuture<int> _c;
                public Guarded(IFuture<int> a, IFuture<int> b, IFuture<int> c) { _a = a; _b = b; _c = c; }

                public Poll<int> Poll(Context cx)
                {
                    lock (_gate)
                    {
                        if ([|_a.Poll(new Context(Waker.Noop))|].IsReady) return Poll<int>.Ready(1);
                    }
                    lock (_lock)
                    {
                        if ([|_b.Poll(new Context(Waker.Noop))|].IsReady) return Poll<int>.Ready(2);
                    }
                    Monitor.Enter(_gate);
                    try
                    {
                        return [|_c.Poll(new Context(Waker.Noop))|];
                    }
                    finally
                    {
                        Monitor.Exit(_gate);
                    }
                }
            }
        }
        """);

    [Fact]
    public Task HelperWithAContextParameterTwoCallsDeep() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Driver : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Driver(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx) => Step(cx);

            private Poll<int> Step(Context cx) => Drive(cx);

            private Poll<int> Drive(Context cx) => [|_inner.Poll(new Context(Waker.Noop))|];
        }
        """);

    [Fact]
    public Task ConditionalAccessOnAField() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Maybe : IFuture<int>
        {
            private IFuture<int>? _inner;
            public Maybe(IFuture<int>? inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                var r = [|_inner?.Poll(new Context(Waker.Noop))|];
                return r ?? Poll<int>.Ready(0);
            }
        }
        """);
    [Fact]
    public Task NoopPollInAPrivateHelperThatThePollCalls() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Fused<T> : IFuture<T>
        {
            private readonly IFuture<T> _inner;
            private Waker? _waiter;
            private T _value = default!;
            public Fused(IFuture<T> inner) => _inner = inner;

            public Poll<T> Poll(Context cx)
            {
                if (TryFinish()) return Poll<T>.Ready(_value);
                _waiter = cx.Waker;
                return Poll<T>.Pending;
            }

            private bool TryFinish() => Check();

            private bool Check()
            {
                var r = [|_inner.Poll(new Context(Waker.Noop))|];
                if (r.IsReady) _value = r.Value;
                return r.IsReady;
            }

            // Not called by a poll, and _inner is never polled with a cx: a no-op drive here is not judged.
            private bool Unused() => _inner.Poll(new Context(Waker.Noop)).IsReady;
        }
        """);
    [Fact]
    public Task StoredWakerBesideTheFuturesOwnRegistration() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Deadline<T> : IFuture<T?>
        {
            private readonly IFuture<T> _inner;
            private readonly Waker _spawner;
            private volatile bool _expired;
            private Waker? _timerWaiter;
            public Deadline(IFuture<T> inner, Waker spawner) { _inner = inner; _spawner = spawner; }

            public void Expire() { _expired = true; _timerWaiter?.Wake(); }

            public Poll<T?> Poll(Context cx)
            {
                _timerWaiter = cx.Waker;
                if (_expired) return Poll<T?>.Ready(default);
                var r = [|_inner.Poll(new Context(_spawner))|];
                return r.IsReady ? Poll<T?>.Ready(r.Value) : Poll<T?>.Pending;
            }
        }
        """);
    [Fact]
    public Task DisposeDrivesAMemberPathThePollPollsWithCx() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Guard<T> : IFuture<T>, IDisposable
        {
            private sealed class State { public IFuture<T> Inner = null!; public bool Done; }
            private readonly State _state = new();
            public Guard(IFuture<T> inner) => _state.Inner = inner;

            public Poll<T> Poll(Context cx)
            {
                var r = _state.Inner.Poll(cx);
                if (r.IsReady) _state.Done = true;
                return r;
            }

            public void Dispose()
            {
                if (!_state.Done) _ = [|_state.Inner.Poll(new Context(Waker.Noop))|];
            }
        }
        """);

    [Fact]
    public Task WakerOfAnotherTaskHandedInAsAParameter() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Forward : IFuture<string>
        {
            private readonly IFuture<string> _inner;
            public Forward(IFuture<string> inner) => _inner = inner;

            public Poll<string> PollWith(Waker other, Context cx) => [|_inner.Poll(new Context(other))|];

            public Poll<string> Poll(Context cx) => _inner.Poll(cx);
        }

        public static class Forwarders
        {
            public static IFuture<string> ByLocalFunction(IFuture<string> inner, Waker creator)
            {
                Poll<string> PollForward(Context cx)
                {
                    var r = [|inner.Poll(new Context(creator))|];
                    return r;
                }
                return Future.FromPoll<string>(PollForward);
            }

            public static PollFn<string> ByLambda(IFuture<string> inner, Waker creator) => cx => [|inner.Poll(new Context(creator))|];

            public static PollFn<string> StepHandedTheCreatorsWaker(IFuture<string> inner, Waker creator)
            {
                Poll<string> Step(Context outer, Waker waker) => [|inner.Poll(new Context(waker))|];
                return cx => Step(cx, creator);
            }

            public static PollFn<string> ThroughACapturedLocal(IFuture<string> inner, Waker creator)
            {
                var saved = creator;
                return cx => [|inner.Poll(new Context(saved))|];
            }
        }
        """);

    [Fact]
    public Task PrivateHelpersHandedAnotherWakerByTheirCallers() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Forward : IFuture<string>
        {
            private readonly IFuture<string> _inner;
            private readonly IFuture<string> _other;
            private readonly Waker _creator;
            public Forward(IFuture<string> inner, IFuture<string> other, Waker creator) { _inner = inner; _other = other; _creator = creator; }

            public Poll<string> Poll(Context cx)
            {
                var r = PollWith(cx, Waker.Noop);
                if (r.IsReady) return r;
                PollWithOther(cx, _creator);
                Relay(Waker.Noop);
                return _other.Poll(cx);
            }

            // Its only caller hands it a no-op waker.
            private Poll<string> PollWith(Context cx, Waker waker) => [|_inner.Poll(new Context(waker))|];

            // Its only caller hands it the creating task's stored waker.
            private Poll<string> PollWithOther(Context cx, Waker waker) => [|_inner.Poll(new Context(waker))|];

            // Never called: nobody hands it this task's waker.
            private Poll<string> Unused(Context cx, Waker waker) => [|_inner.Poll(new Context(waker))|];

            // Without a Context, handed a no-op waker, on the field the poll polls with cx.
            private Poll<string> Relay(Waker waker) => [|_other.Poll(new Context(waker))|];
        }
        """);

    [Fact]
    public Task EverySpellingOfANewContext() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;
        using Ctx = Wakers.Context;

        // One spelling per poll method: each member is judged on its own words.
        public sealed class Spellings : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            private readonly object _gate = new();
            public Spellings(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx) => [|_inner.Poll(new(Waker.Noop))|];

            public Poll<int> PollAliased(Context cx) => [|_inner.Poll(new Ctx(Waker.Noop))|];

            public Poll<int> PollQualified(Context cx) => [|_inner.Poll(new global::Wakers.Context(Waker.Noop))|];

            public Poll<int> PollDefault(Context cx)
            {
                Context d = default;
                return [|_inner.Poll(d)|];
            }

            public Poll<int> PollCommented(Context cx) => [|_inner.Poll(new /* a comment */ Context(Waker.Noop))|];

            public Poll<int> PollConditional(Context cx, bool quiet) => [|_inner.Poll(quiet ? default : new Context(Waker.Noop))|];
        }
        """);

    [Fact]
    public Task ANewContextSpelledWithAUnicodeEscape() => Verify.Diagnostics<ForeignContextAnalyzer>("""
        using Wakers;

        public sealed class Escaped : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Escaped(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx) => [|_inner.Poll(new \u0043ontext(Waker.Noop))|];
        }
        """);
}
