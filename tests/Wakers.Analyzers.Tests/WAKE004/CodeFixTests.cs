using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.CodeFixes;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE004;

/// <summary>The fix repeats the readiness check after the store.</summary>
public class CodeFixTests
{
    [Fact]
    public Task RepeatsTheCheckAfterTheStore() => Verify.CodeFix<CheckThenRegisterAnalyzer, RecheckReadinessFix>("""
        using Wakers;

        public sealed class Event : IFuture<Unit>
        {
            private volatile bool _set;
            private volatile Waker? _waiter;
            public void Set() { _set = true; _waiter?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (_set) return Poll<Unit>.Ready(Unit.Value);
                [|_waiter = cx.Waker|];
                return Poll<Unit>.Pending;
            }
        }
        """, """
        using Wakers;

        public sealed class Event : IFuture<Unit>
        {
            private volatile bool _set;
            private volatile Waker? _waiter;
            public void Set() { _set = true; _waiter?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (_set) return Poll<Unit>.Ready(Unit.Value);
                _waiter = cx.Waker;
                if (_set) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """, "Check readiness again after storing the waker");

    [Fact]
    public Task FixAllInADocument() => Verify.FixAll<CheckThenRegisterAnalyzer, RecheckReadinessFix>("""
        using System.Threading;
        using Wakers;

        public sealed class Pair
        {
            private readonly AtomicWaker _a = new();
            private int _left;
            private volatile bool _right;
            private Waker? _rw;
            public void SetLeft() { Volatile.Write(ref _left, 1); _a.Wake(); }
            public void SetRight() { _right = true; _rw?.Wake(); }

            public Poll<Unit> PollLeft(Context cx)
            {
                if (Volatile.Read(ref _left) == 1)
                {
                    return Poll<Unit>.Ready(Unit.Value);
                }
                [|_a.Register(cx.Waker)|];
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollRight(Context cx)
            {
                if (_right) return Poll<Unit>.Ready(Unit.Value);
                [|_rw = cx.Waker|];
                return Poll<Unit>.Pending;
            }
        }
        """, """
        using System.Threading;
        using Wakers;

        public sealed class Pair
        {
            private readonly AtomicWaker _a = new();
            private int _left;
            private volatile bool _right;
            private Waker? _rw;
            public void SetLeft() { Volatile.Write(ref _left, 1); _a.Wake(); }
            public void SetRight() { _right = true; _rw?.Wake(); }

            public Poll<Unit> PollLeft(Context cx)
            {
                if (Volatile.Read(ref _left) == 1)
                {
                    return Poll<Unit>.Ready(Unit.Value);
                }
                _a.Register(cx.Waker);
                if (Volatile.Read(ref _left) == 1)
                {
                    return Poll<Unit>.Ready(Unit.Value);
                }
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollRight(Context cx)
            {
                if (_right) return Poll<Unit>.Ready(Unit.Value);
                _rw = cx.Waker;
                if (_right) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task NoFixWhenTheCheckDeclaresAVariable() => Verify.NoFix<CheckThenRegisterAnalyzer, RecheckReadinessFix>("""
        using Wakers;

        public sealed class SplitLock : IFuture<int>
        {
            private readonly object _gate = new();
            private int? _value;
            private Waker? _waiter;
            public void Complete(int v) { Waker? w; lock (_gate) { _value = v; w = _waiter; _waiter = null; } w?.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_value is int v) return Poll<int>.Ready(v);
                }
                [|_waiter = cx.Waker|];
                return Poll<int>.Pending;
            }
        }
        """);
}
