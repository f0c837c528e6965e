using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.CodeFixes;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE003;

public class CodeFixTests
{
    [Fact]
    public Task ReplacesTheNoopContextWithCx() => Verify.CodeFix<ForeignContextAnalyzer, PollWithContextFix>("""
        using Wakers;

        public sealed class Timeout<T> : IFuture<T?>
        {
            private readonly IFuture<T> _inner;
            public Timeout(IFuture<T> inner) => _inner = inner;

            public Poll<T?> Poll(Context cx)
            {
                var r = [|_inner.Poll(new Context(Waker.Noop))|];
                return r.IsReady ? Poll<T?>.Ready(r.Value) : Poll<T?>.Pending;
            }
        }
        """, """
        using Wakers;

        public sealed class Timeout<T> : IFuture<T?>
        {
            private readonly IFuture<T> _inner;
            public Timeout(IFuture<T> inner) => _inner = inner;

            public Poll<T?> Poll(Context cx)
            {
                var r = _inner.Poll(cx);
                return r.IsReady ? Poll<T?>.Ready(r.Value) : Poll<T?>.Pending;
            }
        }
        """, "Poll with 'cx'");

    [Fact]
    public Task RemovesTheLocalThatIsNoLongerUsed() => Verify.CodeFix<ForeignContextAnalyzer, PollWithContextFix>("""
        using Wakers;

        public sealed class Select<T> : IFuture<T>
        {
            private readonly IFuture<T> _a;
            private readonly IFuture<T> _b;
            public Select(IFuture<T> a, IFuture<T> b) { _a = a; _b = b; }

            public Poll<T> Poll(Context context)
            {
                var a = _a.Poll(context);
                if (a.IsReady) return a;
                var quiet = new Context(Waker.Noop);
                var b = [|_b.Poll(quiet)|];
                return b.IsReady ? b : Poll<T>.Pending;
            }
        }
        """, """
        using Wakers;

        public sealed class Select<T> : IFuture<T>
        {
            private readonly IFuture<T> _a;
            private readonly IFuture<T> _b;
            public Select(IFuture<T> a, IFuture<T> b) { _a = a; _b = b; }

            public Poll<T> Poll(Context context)
            {
                var a = _a.Poll(context);
                if (a.IsReady) return a;
                var b = _b.Poll(context);
                return b.IsReady ? b : Poll<T>.Pending;
            }
        }
        """, "Poll with 'context'");

    [Fact]
    public Task KeepsALocalThatIsStillUsed() => Verify.CodeFix<ForeignContextAnalyzer, PollWithContextFix>("""
        using Wakers;

        public sealed class Both : IFuture<int>
        {
            private readonly IFuture<int> _a;
            private readonly IFuture<int> _b;
            public Both(IFuture<int> a, IFuture<int> b) { _a = a; _b = b; }

            public Poll<int> Poll(Context cx)
            {
                var quiet = new Context(Waker.Noop);
                var a = [|_a.Poll(quiet)|];
                var b = [|_b.Poll(quiet)|];
                return a.IsReady && b.IsReady ? Poll<int>.Ready(a.Value + b.Value) : Poll<int>.Pending;
            }
        }
        """, """
        using Wakers;

        public sealed class Both : IFuture<int>
        {
            private readonly IFuture<int> _a;
            private readonly IFuture<int> _b;
            public Both(IFuture<int> a, IFuture<int> b) { _a = a; _b = b; }

            public Poll<int> Poll(Context cx)
            {
                var quiet = new Context(Waker.Noop);
                var a = _a.Poll(cx);
                var b = _b.Poll(quiet);
                return a.IsReady && b.IsReady ? Poll<int>.Ready(a.Value + b.Value) : Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task FixAllReplacesEveryForeignContextAndTheSharedLocal() => Verify.FixAll<ForeignContextAnalyzer, PollWithContextFix>("""
        using Wakers;

        public sealed class Both : IFuture<int>
        {
            private readonly IFuture<int> _a;
            private readonly IFuture<int> _b;
            private readonly IFuture<int> _c;
            public Both(IFuture<int> a, IFuture<int> b, IFuture<int> c) { _a = a; _b = b; _c = c; }

            public Poll<int> Poll(Context cx)
            {
                var quiet = new Context(Waker.Noop);
                var a = [|_a.Poll(quiet)|];
                var b = [|_b.Poll(quiet)|];
                var c = [|_c.Poll(default)|];
                return a.IsReady && b.IsReady && c.IsReady ? Poll<int>.Ready(a.Value + b.Value + c.Value) : Poll<int>.Pending;
            }

            public static PollFn<int> Lambda(IFuture<int> inner) => cx => [|inner.Poll(new Context(Waker.Noop))|];
        }
        """, """
        using Wakers;

        public sealed class Both : IFuture<int>
        {
            private readonly IFuture<int> _a;
            private readonly IFuture<int> _b;
            private readonly IFuture<int> _c;
            public Both(IFuture<int> a, IFuture<int> b, IFuture<int> c) { _a = a; _b = b; _c = c; }

            public Poll<int> Poll(Context cx)
            {
                var a = _a.Poll(cx);
                var b = _b.Poll(cx);
                var c = _c.Poll(cx);
                return a.IsReady && b.IsReady && c.IsReady ? Poll<int>.Ready(a.Value + b.Value + c.Value) : Poll<int>.Pending;
            }

            public static PollFn<int> Lambda(IFuture<int> inner) => cx => inner.Poll(cx);
        }
        """);

    [Fact]
    public Task LambdaPollGetsItsOwnParameter() => Verify.CodeFix<ForeignContextAnalyzer, PollWithContextFix>("""
        using Wakers;

        public static class Adapters
        {
            public static PollFn<int> Detached(IFuture<int> inner) => ctx =>
            {
                var r = [|inner.Poll(default)|];
                return r.IsReady ? r : Poll<int>.Pending;
            };
        }
        """, """
        using Wakers;

        public static class Adapters
        {
            public static PollFn<int> Detached(IFuture<int> inner) => ctx =>
            {
                var r = inner.Poll(ctx);
                return r.IsReady ? r : Poll<int>.Pending;
            };
        }
        """);

    [Fact]
    public Task NoFixOutsideAPollMethod() => Verify.NoFix<ForeignContextAnalyzer, PollWithContextFix>("""
        using Wakers;

        public sealed class Cancellable : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            public Cancellable(IFuture<int> inner) => _inner = inner;

            public void Cancel() => [|_inner.Poll(new Context(Waker.Noop))|].ToString();

            public Poll<int> Poll(Context cx) => _inner.Poll(cx);
        }
        """);
}
