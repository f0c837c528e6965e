using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE008;

public class ValidTests
{
    [Fact]
    public Task ResultsThatAreKept() => Verify.Valid<DiscardedPollAnalyzer>("""
        using Wakers;

        public sealed class Keep : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            private Poll<int> _last;
            public Keep(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                var r = _inner.Poll(cx);
                _last = _inner.Poll(cx);
                if (_inner.Poll(cx).IsReady) return Poll<int>.Ready(1);
                Use(_inner.Poll(cx));
                return r.IsReady ? r : _inner.Poll(cx);
            }

            private static void Use(Poll<int> p) { }
        }
        """);

    [Fact]
    public Task AForeignContextIsWake003Alone() => Verify.Valid<DiscardedPollAnalyzer>("""
        using Wakers;

        public sealed class Noisy : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Noisy(IFuture<int> inner) => _inner = inner;

            public Poll<int> Poll(Context cx)
            {
                _inner.Poll(new Context(Waker.Noop));
                return _inner.Poll(cx);
            }

            // No task here: a drive with a Context built on the spot is not judged.
            public static void Prime(IFuture<int> future) => future.Poll(new Context(Waker.Noop));
        }
        """);

    [Fact]
    public Task LookalikesAndOtherMethods() => Verify.Valid<DiscardedPollAnalyzer>("""
        using Wakers;

        namespace Lookalike
        {
            public sealed class Context { }
            public readonly struct Poll<T> { }
            public sealed class Survey
            {
                public Poll<int> Poll(Context cx) => default;
                public void Run() => Poll(new Context());
            }
        }

        namespace Real
        {
            public sealed class Other : IFuture<int>
            {
                private readonly AtomicWaker _waker = new();
                public Poll<int> Poll(Context cx)
                {
                    _waker.Register(cx.Waker);
                    cx.Waker.Wake();
                    Helper(cx);
                    return Poll<int>.Pending;
                }

                private static bool Helper(Context cx) => cx.Waker.WillWake(Waker.Noop);
            }
        }
        """);
}
