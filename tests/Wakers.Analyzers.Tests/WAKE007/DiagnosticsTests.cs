using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE007;

public class DiagnosticsTests
{
    [Fact]
    public Task SemaphoreWaitAndResultInTryFinally() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Download : IFuture<byte[]>
        {
            private readonly Task<byte[]> _task;
            private readonly SemaphoreSlim _slots = new(4);
            public Download(Task<byte[]> task) => _task = task;

            public Poll<byte[]> Poll(Context cx)
            {
                [|_slots.Wait()|];
                try
                {
                    return Poll<byte[]>.Ready([|_task.Result|]);
                }
                finally
                {
                    _slots.Release();
                }
            }
        }
        """);

    [Fact]
    public Task HelpersTwoCallsDeep() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Fetch : IFuture<string>
        {
            private readonly Task<string> _task;
            private readonly ManualResetEvent _ready = new(false);
            public Fetch(Task<string> task) => _task = task;

            public Poll<string> Poll(Context cx) => Poll<string>.Ready(Load());

            private string Load()
            {
                WaitForSignal();
                return Read();
            }

            private void WaitForSignal() => [|_ready.WaitOne()|];

            private string Read() => [|_task.GetAwaiter().GetResult()|];

            // Not called by a poll: blocking here is the caller's business.
            private void Unused() => _ready.WaitOne();
        }
        """);

    [Fact]
    public Task EveryPrimitiveInASwitchInALoop() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System;
        using System.Collections.Concurrent;
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Worker : IFuture<int>
        {
            private readonly object _gate = new();
            private readonly BlockingCollection<int> _queue = new();
            private readonly CountdownEvent _countdown = new(1);
            private readonly Barrier _barrier = new(2);
            private readonly Thread _thread = new(() => { });
            private readonly Task _a = Task.CompletedTask;
            private readonly Task _b = Task.Delay(10);
            private readonly ManualResetEventSlim _slim = new();
            private readonly Mutex _mutex = new();
            private int _state;
            private bool _flag;

            public Poll<int> Poll(Context cx)
            {
                while (true)
                {
                    switch (_state++)
                    {
                        case 0:
                            lock (_gate) { [|Monitor.Wait(_gate)|]; }
                            break;
                        case 1:
                            return Poll<int>.Ready([|_queue.Take()|]);
                        case 2:
                            [|_countdown.Wait()|];
                            break;
                        case 3:
                            [|_barrier.SignalAndWait()|];
                            break;
                        case 4:
                            [|SpinWait.SpinUntil(() => _flag)|];
                            break;
                        case 5:
                            [|_thread.Join()|];
                            break;
                        case 6:
                            [|Task.WaitAll(_a, _b)|];
                            break;
                        case 7:
                            if ([|_queue.TryTake(out var item, TimeSpan.FromSeconds(1))|]) return Poll<int>.Ready(item);
                            break;
                        case 8:
                            [|Thread.Sleep(10)|];
                            break;
                        case 9:
                            [|_slim.Wait(100)|];
                            break;
                        case 10:
                            [|_mutex.WaitOne()|];
                            break;
                        case 11:
                            [|Task.WaitAny(_a, _b)|];
                            break;
                        case 12:
                            [|_b.Wait()|];
                            break;
                        default:
                            cx.Waker.Wake();
                            return Poll<int>.Pending;
                    }
                }
            }
        }
        """);

    [Fact]
    public Task LambdaAndLocalFunctionPolls() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public static class Polls
        {
            public static PollFn<int> FromTask(Task<int> task) => cx =>
            {
                // After Wait returns the task is complete: the Result that follows is not a second block.
                if (!task.IsCompleted) [|task.Wait()|];
                return Poll<int>.Ready(task.Result);
            };

            public static PollFn<int> Acquire(SemaphoreSlim semaphore) => cx =>
            {
                return Take(cx);

                Poll<int> Take(Context inner)
                {
                    [|semaphore.Wait()|];
                    return Poll<int>.Ready(1);
                }
            };

            public static PollFn<int> WithHelper(ValueTask<int> task) => cx =>
            {
                return Poll<int>.Ready(Read());

                int Read() => [|task.Result|];
            };
        }
        """);

    [Fact]
    public Task ResultWhenTheCheckDoesNotReturn() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Eager : IFuture<int>
        {
            private readonly Task<int> _task;
            public Eager(Task<int> task) => _task = task;

            public Poll<int> Poll(Context cx)
            {
                if (!_task.IsCompleted) cx.Waker.Wake();
                var v = [|_task.Result|];
                return Poll<int>.Ready(v);
            }

            public Poll<int> PollOtherTask(Context cx, Task<int> other)
            {
                if (!other.IsCompleted) return Poll<int>.Pending;
                return Poll<int>.Ready([|_task.Result|]);
            }

            public Poll<int> PollAfterReassignment(Context cx, Task<int> next)
            {
                var t = _task;
                if (!t.IsCompleted) return Poll<int>.Pending;
                t = next;
                return Poll<int>.Ready([|t.Result|]);
            }
        }
        """);

    [Fact]
    public Task LocksOnObjectAndOnLockWithStructAndGenericFutures() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public struct Locked<T> : IFuture<T>
        {
            private readonly Lock _lock;
            private readonly object _gate;
            private readonly ManualResetEventSlim _event;
            private readonly Task<T> _task;
            public Locked(Task<T> task) { _lock = new(); _gate = new(); _event = new(); _task = task; }

            public Poll<T> Poll(Context cx)
            {
                lock (_lock)
                {
                    [|_event.Wait()|];
                }
                lock (_gate)
                {
                    return Poll<T>.Ready([|_task.ConfigureAwait(false).GetAwaiter().GetResult()|]);
                }
            }

            public Poll<(bool HasItem, T Item)> PollNext(Context cx)
            {
                Monitor.Enter(_gate);
                try
                {
                    [|Thread.Sleep(1)|];
                    return Poll<(bool, T)>.Pending;
                }
                finally
                {
                    Monitor.Exit(_gate);
                }
            }
        }
        """);

    [Fact]
    public Task NestedTypeAndTryCatch() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Outer
        {
            public sealed class Inner : IFuture<int>
            {
                private readonly Task<int> _task;
                public Inner(Task<int> task) => _task = task;

                public Poll<int> Poll(Context cx)
                {
                    try
                    {
                        if (_task.IsCompleted) return Poll<int>.Ready(_task.Result);
                    }
                    catch (AggregateException)
                    {
                        // The catch is reached from inside the try: the check above says nothing here.
                        return Poll<int>.Ready([|_task.Result|]);
                    }
                    cx.Waker.Wake();
                    return Poll<int>.Pending;
                }
            }
        }
        """);
    [Fact]
    public Task BlockOnInsideAPoll() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using Wakers;

        public sealed class Eager<T> : IFuture<T>
        {
            private readonly IFuture<T> _inner;
            public Eager(IFuture<T> inner) => _inner = inner;

            public Poll<T> Poll(Context cx) => Poll<T>.Ready([|Executor.BlockOn(_inner)|]);
        }
        """);

    [Fact]
    public Task TheWaitsAreReportedNotTheResultsTheyCompleted() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class JoinTasks : IFuture<int>
        {
            private readonly Task<int> _a;
            private readonly Task<int> _b;
            private readonly CancellationToken _token;
            public JoinTasks(Task<int> a, Task<int> b, CancellationToken token) { _a = a; _b = b; _token = token; }

            public Poll<int> Poll(Context cx)
            {
                if (_token.IsCancellationRequested) return Poll<int>.Ready(-1);
                [|_a.Wait(_token)|];
                [|Task.WaitAll(_a, _b)|];
                return Poll<int>.Ready(_a.Result + _b.Result);
            }

            public Poll<int> PollArray(Context cx)
            {
                [|Task.WaitAll(new Task[] { _a, _b }, _token)|];
                return Poll<int>.Ready(_a.Result + _b.Result);
            }

            public Poll<int> PollTimed(Context cx)
            {
                if ([|Task.WaitAll(new Task[] { _a, _b }, 100)|]) return Poll<int>.Ready(_a.Result + _b.Result);
                // The bool of a timed wait was ignored: the task may still be running.
                [|_a.Wait(TimeSpan.FromSeconds(1))|];
                return Poll<int>.Ready([|_a.Result|]);
            }
        }
        """);

    [Fact]
    public Task PublicAndInternalHelpersArePartOfThePoll() => Verify.Diagnostics<BlockingInPollAnalyzer>("""
        using System.Threading;
        using System.Threading.Tasks;
        using Wakers;

        public sealed class Gate : IFuture<int>
        {
            private readonly SemaphoreSlim _slots = new(1);
            private readonly Task<int> _task;
            public Gate(Task<int> task) => _task = task;

            public Poll<int> Poll(Context cx)
            {
                Enter();
                if (_task.IsCompleted) return Poll<int>.Ready(Read());
                return Poll<int>.Ready(Value);
            }

            // Public or internal, a method the poll calls runs on the executor's thread all the same.
            public void Enter() => Drain();

            internal void Drain() => [|_slots.Wait()|];

            // Called only after the poll saw the task completed: not a block.
            public int Read() => _task.Result;

            protected int Value => [|_task.Result|];

            // No poll calls it: blocking here is the caller's business.
            public int Join() => _task.Result;
        }
        """);
}
