using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE007;

public class ValidTests
{
    [Fact]
    public Task ResultAfterIsCompleted() => Verify.Valid<BlockingInPollAnalyzer>("""
        using System.Threading.Tasks;
        using Wakers;

        public sealed class TaskFuture<T> : IFuture<T>
        {
            private readonly Task<T> _task;
            public TaskFuture(Task<T> task) => _task = task;

            public Poll<T> Poll(Context cx)
            {
                if (_task.IsCompleted) return Poll<T>.Ready(_task.Result);
                var waker = cx.Waker;
                _task.ContinueWith(_ => waker.Wake(), TaskContinuationOptions.ExecuteSynchronously);
                return Poll<T>.Pending;
            }
        }
        """);

    [Fact]
    public Task EveryShapeOfAKnownCompletedTask() => Verify.Valid<BlockingInPollAnalyzer>("""
        using System.Threading.Tasks;
        using Wakers;

        public sealed class TaskBacked<T> : IFuture<T>
        {
            private readonly Task<T> _task;
            private readonly AtomicWaker _waker = new();

            public TaskBacked(Task<T> task)
            {
                _task = task;
                _task.ContinueWith(t => { _ = t.Result; _waker.Wake(); }, TaskContinuationOptions.ExecuteSynchronously);
            }

            public Poll<T> Poll(Context cx)
            {
                _waker.Register(cx.Waker);
                if (!_task.IsCompleted) return Poll<T>.Pending;
                return Poll<T>.Ready(_task.GetAwaiter().GetResult());
            }

            public Poll<T> PollStatus(Context cx)
            {
                _waker.Register(cx.Waker);
                if (_task.Status == TaskStatus.RanToCompletion) return Poll<T>.Ready(_task.Result);
                if (_task.IsFaulted || _task.IsCanceled) _task.Wait();
                if (_task.Status != TaskStatus.RanToCompletion) return Poll<T>.Pending;
                return Poll<T>.Ready(_task.Result);
            }

            public Poll<T> PollSwitch(Context cx)
            {
                _waker.Register(cx.Waker);
                return _task.IsCompletedSuccessfully switch
                {
                    true => Poll<T>.Ready(_task.Result),
                    false => Poll<T>.Pending,
                };
            }

            public Poll<T> PollHelper(Context cx)
            {
                _waker.Register(cx.Waker);
                if (_task.IsCompleted) return Poll<T>.Ready(Value());
                return Poll<T>.Pending;
            }

            private T Value() => _task.Result;

            public Poll<T> PollAwaiter(Context cx)
            {
                var awaiter = _task.ConfigureAwait(false).GetAwaiter();
                if (!awaiter.IsCompleted)
                {
                    _waker.Register(cx.Waker);
                    return Poll<T>.Pending;
                }
                return Poll<T>.Ready(awaiter.GetResult());
            }

            public Poll<T> PollLoop(Context cx)
            {
                var spins = 0;
                while (!_task.IsCompleted)
                {
                    if (spins++ > 3) { _waker.Register(cx.Waker); return Poll<T>.Pending; }
                }
                return Poll<T>.Ready(_task.Result);
            }

            public Poll<T> PollPattern(Context cx)
            {
                _waker.Register(cx.Waker);
                return _task is { IsCompleted: true } ? Poll<T>.Ready(_task.Result) : Poll<T>.Pending;
            }

            public Poll<int> PollFromResult(Context cx) => Poll<int>.Ready(Task.FromResult(1).Result);

            // Not a poll method: blocking here is the caller's business.
            public T Wait() => _task.Result;
        }
        """);

    [Fact]
    public Task ZeroTimeoutsTriesAndLocks() => Verify.Valid<BlockingInPollAnalyzer>("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using Wakers;

        public sealed class Tries : IFuture<int>
        {
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private readonly SemaphoreSlim _slots = new(1);
            private readonly BlockingCollection<int> _queue = new();
            private readonly ManualResetEvent _event = new(false);
            private readonly AtomicWaker _waker = new();

            public Poll<int> Poll(Context cx)
            {
                lock (_lock) { }
                if (!Monitor.TryEnter(_gate)) { cx.Waker.Wake(); return Poll<int>.Pending; }
                try
                {
                    if (!_slots.Wait(0)) { _waker.Register(cx.Waker); return Poll<int>.Pending; }
                    try
                    {
                        if (_queue.TryTake(out var item)) return Poll<int>.Ready(item);
                        if (_queue.TryTake(out item, 0)) return Poll<int>.Ready(item);
                        if (_event.WaitOne(0)) return Poll<int>.Ready(-1);
                        if (_event.WaitOne(TimeSpan.Zero)) return Poll<int>.Ready(-2);
                        if (_slots.Wait(TimeSpan.FromMilliseconds(0))) _slots.Release();
                        Thread.Sleep(0);
                        _waker.Register(cx.Waker);
                        return Poll<int>.Pending;
                    }
                    finally { _slots.Release(); }
                }
                finally { Monitor.Exit(_gate); }
            }
        }
        """);

    [Fact]
    public Task BlockingOutsidePollsAndInCallbacks() => Verify.Valid<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        namespace Real
        {
        public sealed class Ticker : IFuture<Unit>
        {
            private volatile bool _done;
            private Waker? _waker;
            private readonly Task<int> _task = Task.Run(() => 1);

            public Ticker()
            {
                new Thread(() => { Thread.Sleep(100); _done = true; Volatile.Read(ref _waker)?.Wake(); }).Start();
            }

            public Poll<Unit> Poll(Context cx)
            {
                Volatile.Write(ref _waker, cx.Waker);
                // Runs later on the pool, not inside this poll.
                _task.ContinueWith(t => { Thread.Sleep(1); _ = t.Result; });
                ThreadPool.QueueUserWorkItem(_ => Helper());
                return _done ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }

            private void Helper() => Thread.Sleep(1);

            public void Join() => _task.Wait();
        }
        }

        // A method named Poll on a lookalike type is not a poll method.
        namespace Lookalike
        {
        public sealed class Context { }
        public readonly struct Poll<T> { }
        public sealed class Survey
        {
            public Poll<int> Poll(Context cx) { Thread.Sleep(1); return default; }
        }
        }
        """);
    [Fact]
    public Task AFlagThatOnlyTheContinuationSets() => Verify.Valid<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Flagged<T> : IFuture<T>
        {
            private readonly Task<T> _task;
            private bool _done;
            private Waker? _waker;

            public Flagged(Task<T> task)
            {
                _task = task;
                _task.ContinueWith(_ => { Volatile.Write(ref _done, true); _done = true; Volatile.Read(ref _waker)?.Wake(); });
            }

            public Poll<T> Poll(Context cx)
            {
                Volatile.Write(ref _waker, cx.Waker);
                if (Volatile.Read(ref _done)) return Poll<T>.Ready(_task.Result);
                return Poll<T>.Pending;
            }
        }
        """);
    [Fact]
    public Task ChecksUnderLocksTryFinallyAndPatterns() => Verify.Valid<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Guarded<T> : IFuture<T>
        {
            private readonly Task<T> _task;
            private readonly object _gate = new();
            private readonly Lock _lock = new();
            private Waker? _w;
            public Guarded(Task<T> task) => _task = task;

            public Poll<T> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (!_task.IsCompleted) { _w = cx.Waker; return Poll<T>.Pending; }
                }
                return Poll<T>.Ready(_task.Result);
            }

            public Poll<T> PollLock(Context cx)
            {
                lock (_lock)
                {
                    if (!_task.IsCompleted) { _w = cx.Waker; return Poll<T>.Pending; }
                    return Poll<T>.Ready(_task.Result);
                }
            }

            public Poll<T> PollMonitor(Context cx)
            {
                Monitor.Enter(_gate);
                try
                {
                    if (!_task.IsCompleted) { _w = cx.Waker; return Poll<T>.Pending; }
                }
                finally { Monitor.Exit(_gate); }
                return Poll<T>.Ready(_task.Result);
            }

            public Poll<T> PollPatterns(Context cx)
            {
                using var cts = new CancellationTokenSource();
                if (_task.Status is TaskStatus.RanToCompletion) return Poll<T>.Ready(_task.Result);
                if (_task.IsCompleted is false) { _w = cx.Waker; return Poll<T>.Pending; }
                return Poll<T>.Ready(_task.GetAwaiter().GetResult());
            }

            public Poll<T> PollNegated(Context cx)
            {
                if (_task is not { IsCompleted: true }) { _w = cx.Waker; return Poll<T>.Pending; }
                return Poll<T>.Ready(_task.Result);
            }
        }
        """);
    [Fact]
    public Task CompletionCheckedThroughAHelperPropertyOrMethod() => Verify.Valid<BlockingInPollAnalyzer>("""
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Helped<T> : IFuture<T>
        {
            private readonly Task<T> _task;
            private Waker? _w;
            public Helped(Task<T> task) => _task = task;

            private bool Done => _task.IsCompleted;
            private bool Running() { return !this._task.IsCompleted; }

            public Poll<T> Poll(Context cx)
            {
                if (Done) return Poll<T>.Ready(_task.Result);
                _w = cx.Waker;
                return Poll<T>.Pending;
            }

            public Poll<T> PollRunning(Context cx)
            {
                if (Running()) { _w = cx.Waker; return Poll<T>.Pending; }
                return Poll<T>.Ready(_task.Result);
            }
        }
        """);
}
