using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Wakers.CodeFixes;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE001;

/// <summary>The WAKE001 fixes: store the waker (re-checking readiness outside a lock), or wake before returning Pending.</summary>
public class CodeFixTests
{
    [Fact]
    public Task StoreInsideTheLockJustBeforeTheReturn() => Verify.CodeFix<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Timer : IFuture<Unit>
        {
            private readonly object _gate = new();
            private bool _completed;
            private Waker? _waker;

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_completed) return Poll<Unit>.Ready(Unit.Value);
                    [|return Poll<Unit>.Pending;|]
                }
            }
        }
        """, """
        using Wakers;

        public sealed class Timer : IFuture<Unit>
        {
            private readonly object _gate = new();
            private bool _completed;
            private Waker? _waker;

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_completed) return Poll<Unit>.Ready(Unit.Value);
                    _waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """, "Store the waker in '_waker'");

    [Fact]
    public Task StoreThenCheckReadinessAgainWithoutALock() => Verify.CodeFix<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            private volatile Waker? _waker;

            public Poll<Unit> Poll(Context cx)
            {
                if (_released) return Poll<Unit>.Ready(Unit.Value);
                [|return Poll<Unit>.Pending;|]
            }
        }
        """, """
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            private volatile Waker? _waker;

            public Poll<Unit> Poll(Context cx)
            {
                if (_released) return Poll<Unit>.Ready(Unit.Value);
                _waker = cx.Waker;
                if (_released) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """, "Store the waker in '_waker'");

    [Fact]
    public Task RegisterWithTheAtomicWakerInsideAConditionalReturn() => Verify.CodeFix<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Pipe { public volatile bool Flushed; }

        public sealed class Flush : IFuture<bool>
        {
            private readonly AtomicWaker _flushed = new();
            private readonly Pipe _pipe;
            private int _state;
            public Flush(Pipe pipe) => _pipe = pipe;

            public Poll<bool> Poll(Context cx)
            {
                while (true)
                {
                    switch (_state)
                    {
                        case 0:
                            if (!_pipe.Flushed) [|return Poll<bool>.Pending;|]
                            _state = 1;
                            break;
                        default:
                            return Poll<bool>.Ready(true);
                    }
                }
            }
        }
        """, """
        using Wakers;

        public sealed class Pipe { public volatile bool Flushed; }

        public sealed class Flush : IFuture<bool>
        {
            private readonly AtomicWaker _flushed = new();
            private readonly Pipe _pipe;
            private int _state;
            public Flush(Pipe pipe) => _pipe = pipe;

            public Poll<bool> Poll(Context cx)
            {
                while (true)
                {
                    switch (_state)
                    {
                        case 0:
                            if (!_pipe.Flushed)
                            {
                                _flushed.Register(cx.Waker);
                                if (!_pipe.Flushed)
                                    return Poll<bool>.Pending;
                            }
                            _state = 1;
                            break;
                        default:
                            return Poll<bool>.Ready(true);
                    }
                }
            }
        }
        """, "Store the waker in '_flushed'");

    [Fact]
    public Task ExpressionBodyRegistersFirst() => Verify.CodeFix<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            private Waker? _waker;

            public Poll<Unit> Poll(Context cx) => [|_released ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending|];
        }
        """, """
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            private Waker? _waker;

            public Poll<Unit> Poll(Context cx)
            {
                _waker = cx.Waker;
                return _released ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """, "Store the waker in '_waker'");

    [Fact]
    public Task WakeBeforePendingWhenThereIsNoSlot() => Verify.CodeFix<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Countdown : IFuture<int>
        {
            private int _left;

            public Poll<int> Poll(Context cx)
            {
                if (--_left <= 0) return Poll<int>.Ready(0);
                [|return default;|]
            }
        }
        """, """
        using Wakers;

        public sealed class Countdown : IFuture<int>
        {
            private int _left;

            public Poll<int> Poll(Context cx)
            {
                if (--_left <= 0) return Poll<int>.Ready(0);
                cx.Waker.Wake();
                return default;
            }
        }
        """);

    [Fact]
    public Task WakeInAnExpressionBodiedLambda() => Verify.CodeFix<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Box { public int Count; }

        public static class Polls
        {
            public static PollFn<int> Counted(Box box) => cx => [|box.Count > 0 ? Poll<int>.Ready(box.Count) : Poll<int>.Pending|];
        }
        """, """
        using Wakers;

        public sealed class Box { public int Count; }

        public static class Polls
        {
            public static PollFn<int> Counted(Box box) => cx =>
            {
                var result = box.Count > 0 ? Poll<int>.Ready(box.Count) : Poll<int>.Pending;
                if (result.IsPending) cx.Waker.Wake();
                return result;
            };
        }
        """, StoreWakerFix.WakeTitle);

    [Fact]
    public Task FixAllStoresOnEveryPendingPath() => Verify.FixAll<LostWakeupAnalyzer, StoreWakerFix>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Lines
        {
            private readonly object _gate = new();
            private readonly Queue<string> _buffer = new();
            private bool _closed;
            private bool _paused;
            private Waker? _reader;

            public Poll<string?> PollNext(Context cx)
            {
                lock (_gate)
                {
                    if (_buffer.Count > 0) return Poll<string?>.Ready(_buffer.Dequeue());
                    if (_closed) return Poll<string?>.Ready(null);
                    if (_paused)
                    {
                        [|return Poll<string?>.Pending;|]
                    }
                    [|return Poll<string?>.Pending;|]
                }
            }
        }
        """, """
        using System.Collections.Generic;
        using Wakers;

        public sealed class Lines
        {
            private readonly object _gate = new();
            private readonly Queue<string> _buffer = new();
            private bool _closed;
            private bool _paused;
            private Waker? _reader;

            public Poll<string?> PollNext(Context cx)
            {
                lock (_gate)
                {
                    if (_buffer.Count > 0) return Poll<string?>.Ready(_buffer.Dequeue());
                    if (_closed) return Poll<string?>.Ready(null);
                    if (_paused)
                    {
                        _reader = cx.Waker;
                        return Poll<string?>.Pending;
                    }
                    _reader = cx.Waker;
                    return Poll<string?>.Pending;
                }
            }
        }
        """, "Store the waker in '_reader'");

    [Fact]
    public Task FixAllWakes() => Verify.FixAll<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Countdown
        {
            private int _left;

            public Poll<int> PollA(Context cx)
            {
                if (--_left <= 0) return Poll<int>.Ready(0);
                [|return Poll<int>.Pending;|]
            }

            public Poll<int> PollB(Context cx)
            {
                if (--_left <= 0) return Poll<int>.Ready(0);
                [|return Poll<int>.Pending;|]
            }
        }
        """, """
        using Wakers;

        public sealed class Countdown
        {
            private int _left;

            public Poll<int> PollA(Context cx)
            {
                if (--_left <= 0) return Poll<int>.Ready(0);
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }

            public Poll<int> PollB(Context cx)
            {
                if (--_left <= 0) return Poll<int>.Ready(0);
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }
        }
        """, StoreWakerFix.WakeTitle);

    [Fact]
    public Task StoreInASwitchSectionAndAnElseBranch() => Verify.FixAll<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public sealed class Gate
        {
            private readonly object _gate = new();
            private int _state;
            private Waker? _waiter;

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    switch (_state)
                    {
                        case 0:
                            [|return Poll<int>.Pending;|]
                        default:
                            if (_state > 5) return Poll<int>.Ready(_state);
                            else [|return Poll<int>.Pending;|]
                    }
                }
            }
        }
        """, """
        using Wakers;

        public sealed class Gate
        {
            private readonly object _gate = new();
            private int _state;
            private Waker? _waiter;

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    switch (_state)
                    {
                        case 0:
                            _waiter = cx.Waker;
                            return Poll<int>.Pending;
                        default:
                            if (_state > 5) return Poll<int>.Ready(_state);
                            else
                            {
                                _waiter = cx.Waker;
                                return Poll<int>.Pending;
                            }
                    }
                }
            }
        }
        """, "Store the waker in '_waiter'");

    [Fact]
    public Task UnderALockAReturnedReadinessCheckKeepsItsAnswerAndStoresOnlyWhenPending() => Verify.CodeFix<LostWakeupAnalyzer, StoreWakerFix>("""
        using Wakers;

        public enum Phase { Idle, Done }

        public sealed class Receiver : IFuture<int>
        {
            private readonly object _gate = new();
            private Phase _phase;
            private Waker? _waker;

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    [|return _phase switch
                    {
                        Phase.Done => Poll<int>.Ready(1),
                        _ => Poll<int>.Pending,
                    };|]
                }
            }
        }
        """, """
        using Wakers;

        public enum Phase { Idle, Done }

        public sealed class Receiver : IFuture<int>
        {
            private readonly object _gate = new();
            private Phase _phase;
            private Waker? _waker;

            public Poll<int> Poll(Context cx)
            {
                lock (_gate)
                {
                    var result = _phase switch
                    {
                        Phase.Done => Poll<int>.Ready(1),
                        _ => Poll<int>.Pending,
                    };
                    if (result.IsPending) _waker = cx.Waker;
                    return result;
                }
            }
        }
        """, "Store the waker in '_waker'");
}
