using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE005;

/// <summary>Publish first and wake after, or wake inside the lock the poll shares: no WAKE005.</summary>
public class ValidTests
{
    [Fact]
    public Task PublishTakeUnderLockWakeAfter() => Verify.Valid<WakeBeforePublishAnalyzer>("""
        using Wakers;

        public sealed class OneShot<T> : IFuture<T>
        {
            private readonly object _gate = new();
            private bool _hasValue;
            private T _value = default!;
            private Waker? _reader;

            public void Complete(T value)
            {
                Waker? w;
                lock (_gate) { _value = value; _hasValue = true; w = _reader; _reader = null; }
                w?.Wake();
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
        """);

    [Fact]
    public Task WakeInsideTheSharedLockBeforeTheWrite() => Verify.Valid<WakeBeforePublishAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Shared : IFuture<Unit>
        {
            private readonly Lock _gate = new();
            private bool _done;
            private Waker? _w;

            public void Finish()
            {
                lock (_gate)
                {
                    _w?.Wake();
                    _done = true;
                }
            }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_done) return Poll<Unit>.Ready(Unit.Value);
                    _w = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task ClearingWriteAfterTheWakeIsNotAPublish() => Verify.Valid<WakeBeforePublishAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Once : IFuture<int>
        {
            private int? _v;
            private bool _set;
            private Waker? _w;

            public void Set(int v)
            {
                _v = v;
                _set = true;
                Volatile.Read(ref _w)?.Wake();
                _set = false;
                _v = null;
            }

            public Poll<int> Poll(Context cx)
            {
                Volatile.Write(ref _w, cx.Waker);
                if (_set && _v is int v) return Poll<int>.Ready(v);
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task WakeAgainAfterTheWrite() => Verify.Valid<WakeBeforePublishAnalyzer>("""
        using Wakers;

        public sealed class Twice : IFuture<Unit>
        {
            private volatile bool _done;
            private volatile Waker? _w;

            public void Finish()
            {
                _w?.Wake();
                _done = true;
                _w?.Wake();
            }

            public Poll<Unit> Poll(Context cx)
            {
                _w = cx.Waker;
                return _done ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task WakingAnotherTasksWakerFirstIsFine() => Verify.Valid<WakeBeforePublishAnalyzer>("""
        using Wakers;

        public sealed class Relay : IFuture<Unit>
        {
            private volatile bool _done;
            private volatile Waker? _w;
            private readonly Waker _observer;
            public Relay(Waker observer) => _observer = observer;

            public void Finish()
            {
                _observer.Wake();
                _done = true;
                _w?.Wake();
            }

            public Poll<Unit> Poll(Context cx)
            {
                _w = cx.Waker;
                return _done ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task SenderInAnotherClassWakesInsideTheSharedObjectsLock() => Verify.Valid<WakeBeforePublishAnalyzer>("""
        using Wakers;

        public sealed class Shared
        {
            public string? Value;
            public Waker? RxWaker;
        }

        public sealed class Tx
        {
            private readonly Shared _shared;
            public Tx(Shared shared) => _shared = shared;

            public void Send(string value)
            {
                lock (_shared) { _shared.RxWaker?.Wake(); _shared.Value = value; }
            }
        }

        public sealed class Rx : IFuture<string>
        {
            private readonly Shared _shared;
            public Rx(Shared shared) => _shared = shared;

            public Poll<string> Poll(Context cx)
            {
                lock (_shared)
                {
                    if (_shared.Value is { } v) return Poll<string>.Ready(v);
                    _shared.RxWaker = cx.Waker;
                    return Poll<string>.Pending;
                }
            }
        }
        """);
}
