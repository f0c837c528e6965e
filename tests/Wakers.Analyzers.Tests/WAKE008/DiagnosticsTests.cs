using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE008;

public class DiagnosticsTests
{
    [Fact]
    public Task DrainThrowsTheAnswerAway() => Verify.Diagnostics<DiscardedPollAnalyzer>("""
        using Wakers;

        public sealed class Drain : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            private int _count;
            public Drain(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                [|_inner.Poll(cx)|];
                _count++;
                if (_count > 3) return Poll<int>.Ready(_count);
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task DiscardConditionalAccessDelegateAndStream() => Verify.Diagnostics<DiscardedPollAnalyzer>("""
        using Wakers;

        public sealed class Pump<T> : IFuture<int>
        {
            private readonly IFuture<T> _inner;
            private readonly IStream<T>? _source;
            private readonly PollFn<T> _fn;
            private int _n;
            public Pump(IFuture<T> inner, IStream<T>? source, PollFn<T> fn) { _inner = inner; _source = source; _fn = fn; }

            public Poll<int> Poll(Context cx)
            {
                _ = [|_inner.Poll(cx)|];
                [|_source?.PollNext(cx)|];
                [|_fn(cx)|];
                return ++_n > 3 ? Poll<int>.Ready(_n) : Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task HelpersLambdasAndLocalFunctions() => Verify.Diagnostics<DiscardedPollAnalyzer>("""
        using Wakers;

        public sealed class Stepper : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Stepper(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                Step(cx);
                Advance();
                return Poll<int>.Pending;

                void Advance() { }
            }

            private void Step(Context cx) => Deeper(cx);

            private void Deeper(Context cx)
            {
                [|_inner.Poll(cx)|];
            }

            public static PollFn<int> Drain(IFuture<int> inner) => cx =>
            {
                [|inner.Poll(cx)|];
                return Poll<int>.Pending;
            };

            public static PollFn<int> Local(IFuture<int> inner)
            {
                return PollIt;

                Poll<int> PollIt(Context cx)
                {
                    [|inner.Poll(cx)|];
                    return Poll<int>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task LoopsTrySwitchAndLocks() => Verify.Diagnostics<DiscardedPollAnalyzer>("""
        using System;
        using System.Threading;
        using Wakers;

        public sealed class Busy : IFuture<int>
        {
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private readonly IFuture<int>[] _children;
            private int _state;
            public Busy(IFuture<int>[] children) => _children = children;

            public Poll<int> Poll(Context cx)
            {
                foreach (var child in _children) [|child.Poll(cx)|];
                try
                {
                    switch (_state)
                    {
                        case 0:
                            lock (_gate) { [|_children[0].Poll(cx)|]; }
                            break;
                        case 1:
                            lock (_lock) { _ = [|_children[1].Poll(cx)|]; }
                            break;
                        default:
                            Monitor.Enter(_gate);
                            try { [|_children[2].Poll(cx)|]; }
                            finally { Monitor.Exit(_gate); }
                            break;
                    }
                }
                catch (InvalidOperationException)
                {
                    [|_children[0].Poll(cx)|];
                }
                finally
                {
                    _state++;
                }
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task StructGenericAndNestedFutures() => Verify.Diagnostics<DiscardedPollAnalyzer>("""
        using Wakers;

        public sealed class Outer
        {
            public struct Skip<T> : IFuture<T>
            {
                private readonly IFuture<T> _first;
                private readonly IFuture<T> _second;
                public Skip(IFuture<T> first, IFuture<T> second) { _first = first; _second = second; }

                public Poll<T> Poll(Context cx)
                {
                    [|_first.Poll(cx)|];
                    return _second.Poll(cx);
                }

                public Poll<(bool HasItem, T Item)> PollNext(Context cx)
                {
                    _ = [|Poll(cx)|];
                    return Poll<(bool, T)>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task APrivateHelperHandedCxWakerIsNotForeign() => Verify.Diagnostics<DiscardedPollAnalyzer>("""
        using Wakers;

        public sealed class Drain : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Drain(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                Step(cx, cx.Waker);
                return Poll<int>.Pending;
            }

            // Handed this task's waker: the discarded answer is WAKE008's, not a foreign context.
            private void Step(Context cx, Waker waker) => [|_inner.Poll(new Context(waker))|];
        }
        """);
}
