using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.CodeFixes;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE005;

/// <summary>The fix moves the wake after the writes, outside their lock.</summary>
public class CodeFixTests
{
    [Fact]
    public Task MovesTheWakeAfterTheLock() => Verify.CodeFix<WakeBeforePublishAnalyzer, WakeAfterPublishFix>("""
        using Wakers;

        public sealed class OneShot<T> : IFuture<T>
        {
            private readonly object _gate = new();
            private bool _hasValue;
            private T _value = default!;
            private Waker? _reader;

            public void Complete(T value)
            {
                [|_reader?.Wake()|];
                lock (_gate)
                {
                    _value = value;
                    _hasValue = true;
                }
            }

            public Poll<T> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_hasValue) return Poll<T>.Ready(_value);
                    _reader = cx.Waker;
                    return Poll<T>.Pending;
                }
            }
        }
        """, """
        using Wakers;

        public sealed class OneShot<T> : IFuture<T>
        {
            private readonly object _gate = new();
            private bool _hasValue;
            private T _value = default!;
            private Waker? _reader;

            public void Complete(T value)
            {
                lock (_gate)
                {
                    _value = value;
                    _hasValue = true;
                }
                _reader?.Wake();
            }

            public Poll<T> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_hasValue) return Poll<T>.Ready(_value);
                    _reader = cx.Waker;
                    return Poll<T>.Pending;
                }
            }
        }
        """, "Wake after publishing");

    [Fact]
    public Task FixAllMovesTakesAndWakes() => Verify.FixAll<WakeBeforePublishAnalyzer, WakeAfterPublishFix>("""
        using System.Threading;
        using Wakers;

        public sealed class Two
        {
            private Waker? _a;
            private volatile Waker? _b;
            private volatile bool _aDone, _bDone;
            private int _value;

            public void CompleteA(int v)
            {
                var w = [|Interlocked.Exchange(ref _a, null)|];
                _value = v;
                _aDone = true;
                w?.Wake();
            }

            public void CompleteB()
            {
                [|_b?.Wake()|];
                _bDone = true;
            }

            public Poll<int> PollA(Context cx)
            {
                Interlocked.Exchange(ref _a, cx.Waker);
                return _aDone ? Poll<int>.Ready(_value) : Poll<int>.Pending;
            }

            public Poll<Unit> PollB(Context cx)
            {
                _b = cx.Waker;
                return _bDone ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """, """
        using System.Threading;
        using Wakers;

        public sealed class Two
        {
            private Waker? _a;
            private volatile Waker? _b;
            private volatile bool _aDone, _bDone;
            private int _value;

            public void CompleteA(int v)
            {
                _value = v;
                _aDone = true;
                var w = Interlocked.Exchange(ref _a, null);
                w?.Wake();
            }

            public void CompleteB()
            {
                _bDone = true;
                _b?.Wake();
            }

            public Poll<int> PollA(Context cx)
            {
                Interlocked.Exchange(ref _a, cx.Waker);
                return _aDone ? Poll<int>.Ready(_value) : Poll<int>.Pending;
            }

            public Poll<Unit> PollB(Context cx)
            {
                _b = cx.Waker;
                return _bDone ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task NoFixForAReadAndClearPair() => Verify.NoFix<WakeBeforePublishAnalyzer, WakeAfterPublishFix>("""
        using System.Threading;
        using Wakers;

        public sealed class Counter : IFuture<int>
        {
            private readonly object _gate = new();
            private Waker? _w;
            private int _count;

            public void Add()
            {
                Waker? w;
                lock (_gate)
                {
                    [|w = _w;|]
                    _w = null;
                }
                Interlocked.Increment(ref _count);
                w?.Wake();
            }

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (Volatile.Read(ref _count) > 0) return Poll<int>.Ready(_count);
                    _w = cx.Waker;
                    return Poll<int>.Pending;
                }
            }
        }
        """);
}
