using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE004;

/// <summary>Register-then-check, a re-check, one lock across check and store, or registering on the checked object: no WAKE004.</summary>
public class ValidTests
{
    [Fact]
    public Task RecheckAfterTheStore() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Event : IFuture<Unit>
        {
            private int _set;
            private Waker? _waiter;
            public void Set() { Interlocked.Exchange(ref _set, 1); Volatile.Read(ref _waiter)?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
                Interlocked.Exchange(ref _waiter, cx.Waker);
                if (Volatile.Read(ref _set) == 1) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task RegisterFirstThenCheck() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class RegisterFirst : IFuture<Unit>
        {
            private volatile bool _done;
            private volatile Waker? _w;
            public void Finish() { _done = true; _w?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                _w = cx.Waker;
                if (_done) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task RecheckThroughALoop() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class LoopRecheck : IFuture<Unit>
        {
            private int _done;
            private readonly AtomicWaker _aw = new();
            public void Finish() { Interlocked.Exchange(ref _done, 1); _aw.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                var registered = false;
                while (true)
                {
                    if (Volatile.Read(ref _done) == 1) return Poll<Unit>.Ready(Unit.Value);
                    if (registered) return Poll<Unit>.Pending;
                    _aw.Register(cx.Waker);
                    registered = true;
                }
            }
        }
        """);

    [Fact]
    public Task OneLockAcrossCheckAndStore() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Locks
        {
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private string? _v;
            private int _n;
            private Waker? _w1, _w2, _w3;

            public void Set(string v)
            {
                Waker? a, b, c;
                Monitor.Enter(_gate);
                try { _v = v; a = _w1; _w1 = null; } finally { Monitor.Exit(_gate); }
                lock (_lock) { _n++; b = _w2; _w2 = null; c = _w3; _w3 = null; }
                a?.Wake(); b?.Wake(); c?.Wake();
            }

            public Poll<string> PollMonitor(Context cx)
            {
                bool taken = false;
                try
                {
                    Monitor.Enter(_gate, ref taken);
                    if (_v is not null) return Poll<string>.Ready(_v);
                    _w1 = cx.Waker;
                    return Poll<string>.Pending;
                }
                finally { if (taken) Monitor.Exit(_gate); }
            }

            public Poll<int> PollLock(Context cx)
            {
                lock (_lock)
                {
                    if (_n > 0) return Poll<int>.Ready(_n);
                    _w2 = cx.Waker;
                    return Poll<int>.Pending;
                }
            }

            public Poll<int> PollScope(Context cx)
            {
                using var scope = _lock.EnterScope();
                if (_n > 0) return Poll<int>.Ready(_n);
                _w3 = cx.Waker;
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task ContinuationOnTheCheckedTask() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using System.Threading.Tasks;
        using Wakers;

        public sealed class TaskFuture<T> : IFuture<T>
        {
            private readonly Task<T> _task;
            public TaskFuture(Task<T> task) => _task = task;

            public Poll<T> Poll(Context cx)
            {
                if (_task.IsCompleted) return Poll<T>.Ready(_task.Result);
                var w = cx.Waker;
                _task.ContinueWith(_ => w.Wake());
                return Poll<T>.Pending;
            }
        }
        """);

    [Fact]
    public Task GuardedStoreIsTheStaleWakerRulesAlone() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Signal : IFuture<Unit>
        {
            private volatile bool _fired;
            private Waker? _waker;
            public void Fire() { _fired = true; _waker?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (_fired) return Poll<Unit>.Ready(Unit.Value);
                _waker ??= cx.Waker;
                return Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task StateOnlyThePollWritesAndInnerPolls() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public readonly struct Then : IFuture<int>
        {
            private readonly IFuture<int> _inner;
            private readonly Box _box;
            public Then(IFuture<int> inner, Box box) { _inner = inner; _box = box; }

            public Poll<int> Poll(Context cx)
            {
                var r = _inner.Poll(cx);
                if (r.IsReady) return r;
                _box.Last = cx.Waker;
                return Poll<int>.Pending;
            }
        }

        public sealed class Box { public Waker? Last; }

        public sealed class Yielder : IFuture<int>
        {
            private int _step;
            private Waker? _w;
            public Poll<int> Poll(Context cx)
            {
                if (_step > 2) return Poll<int>.Ready(_step);
                _step++;
                _w = cx.Waker;
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task CheckStoreRecheckWithPlainFields() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using Wakers;

        public sealed class Half : IFuture<int>
        {
            private Waker? _w;
            private bool _done;
            public void Set() { _done = true; _w?.Wake(); }
            public Poll<int> Poll(Context cx)
            {
                if (_done) return Poll<int>.Ready(1);
                _w = cx.Waker;
                if (_done) return Poll<int>.Ready(1);
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task RegistersThroughTheAwaiterOfTheCheckedTask() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using System.Threading.Tasks;
        using Wakers;

        public sealed class TaskBridge : IFuture<int>
        {
            private readonly Task<int> _task;
            public TaskBridge(Task<int> task) => _task = task;

            public Poll<int> Poll(Context cx)
            {
                if (_task.IsCompleted) return Poll<int>.Ready(_task.Result);
                var waker = cx.Waker;
                _task.GetAwaiter().OnCompleted(() => waker.Wake());
                return Poll<int>.Pending;
            }

            public Poll<int> PollUnsafe(Context cx)
            {
                if (_task.IsCompleted) return Poll<int>.Ready(_task.Result);
                var waker = cx.Waker;
                _task.ConfigureAwait(false).GetAwaiter().UnsafeOnCompleted(() => waker.Wake());
                return Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task ReaderWriterAndSpinLocksHeldAcrossCheckAndStore() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using System.Collections.Generic;
        using System.Threading;
        using Wakers;

        public sealed class Watch
        {
            private readonly ReaderWriterLockSlim _rw = new();
            private SpinLock _spin = new(false);
            private readonly List<Waker> _watchers = new();
            private Waker? _single;
            private int _version;
            private bool _set;

            public void Publish()
            {
                Waker[] wake;
                _rw.EnterWriteLock();
                try { _version++; wake = _watchers.ToArray(); _watchers.Clear(); }
                finally { _rw.ExitWriteLock(); }
                foreach (var w in wake) w.Wake();
            }

            public void Set()
            {
                Waker? w;
                var taken = false;
                try { _spin.Enter(ref taken); _set = true; w = _single; _single = null; }
                finally { if (taken) _spin.Exit(); }
                w?.Wake();
            }

            public Poll<int> PollChanged(Context cx, int seen)
            {
                _rw.EnterWriteLock();
                try
                {
                    if (_version != seen) return Poll<int>.Ready(_version);
                    _watchers.Add(cx.Waker);
                    return Poll<int>.Pending;
                }
                finally { _rw.ExitWriteLock(); }
            }

            public Poll<Unit> PollSet(Context cx)
            {
                var taken = false;
                try
                {
                    _spin.Enter(ref taken);
                    if (_set) return Poll<Unit>.Ready(Unit.Value);
                    _single = cx.Waker;
                    return Poll<Unit>.Pending;
                }
                finally { if (taken) _spin.Exit(); }
            }
        }
        """);

    /// <summary>A future's own Dispose publishes nothing (nobody waits on a disposed future): its flag, checked first, is no readiness.</summary>
    [Fact]
    public Task ADisposedCheckBeforeTheStore() => Verify.Valid<CheckThenRegisterAnalyzer>("""
        using System;
        using Wakers;

        public sealed class Signal : IFuture<Unit>, IDisposable
        {
            private readonly object _gate = new();
            private bool _set;
            private bool _disposed;
            private Waker? _waker;

            public void Set()
            {
                Waker? w;
                lock (_gate) { _set = true; w = _waker; _waker = null; }
                w?.Wake();
            }

            public void Dispose() { lock (_gate) _disposed = true; }

            public Poll<Unit> Poll(Context cx)
            {
                if (_disposed) throw new ObjectDisposedException(nameof(Signal));
                lock (_gate)
                {
                    if (_set) return Poll<Unit>.Ready(Unit.Value);
                    _waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """);
}
