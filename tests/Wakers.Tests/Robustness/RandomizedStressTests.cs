using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Wakers.Time;
using Xunit;

namespace Wakers.Tests.Robustness;

// Seeded (WAKERS_STRESS_SEED replays a failure; the seed is in every message), short by default, long with WAKERS_LONG_STRESS=1.
public class RandomizedStressTests
{
    // A registered waker raced by two Wakes and a Take is delivered exactly once: woken once, or taken and not woken.
    [Fact]
    public void AtomicWakerWakesAndTakesRacingDeliverTheWakerExactlyOnce()
    {
        var seed = Stress.Seed();
        var rounds = Stress.Scale(20_000, 500_000);
        var slot = new AtomicWaker();
        var wakers = new CountingWaker[rounds];
        var taken = new Waker?[rounds];
        var round = 0;
        var done = 0;
        const int Racers = 3;

        void Racer(int id)
        {
            var random = new Random(seed + id);
            for (var i = 0; i < rounds; i++)
            {
                SpinUntil(() => Volatile.Read(ref round) > i);
                if (random.Next(3) == 0) Thread.SpinWait(random.Next(40));
                if (id == 0) taken[i] = slot.Take();
                else slot.Wake();
                Interlocked.Increment(ref done);
            }
        }

        void Registrar()
        {
            for (var i = 0; i < rounds; i++)
            {
                wakers[i] = new CountingWaker();
                slot.Register(wakers[i]);
                Volatile.Write(ref round, i + 1);
                SpinUntil(() => Volatile.Read(ref done) == (i + 1) * Racers);
            }
        }

        Guard.RunAll($"AtomicWaker wake/take race (seed {seed})", Registrar, () => Racer(0), () => Racer(1), () => Racer(2));
        for (var i = 0; i < rounds; i++)
        {
            var deliveries = wakers[i].WakeCount + (ReferenceEquals(taken[i], wakers[i]) ? 1 : 0);
            Assert.True(deliveries == 1, $"round {i}: the waker was delivered {deliveries} times (seed {seed})");
        }
    }

    // Producers and the consumer give up on sends and receives at random (a select against a yield). Nothing is received
    // twice; every send that completed is received; a cancelled send is received only if a receive had already moved
    // its item into the buffer (the documented race), and each producer's items arrive in order.
    [Fact]
    public void ChannelSendsAndReceivesCancelledAtRandomLoseAndDuplicateNothing()
    {
        var seed = Stress.Seed();
        var producers = Stress.Threads;
        var perProducer = Stress.Scale(3_000, 100_000);
        var capacity = new Random(seed).Next(1, 4);
        var (sender, receiver) = Channel.Bounded<int>(capacity);
        var confirmed = new List<int>[producers];
        var cancelled = new List<int>[producers];
        var received = new List<int>();

        void Producer(int p, Sender<int> own)
        {
            var random = new Random(seed + p + 1);
            confirmed[p] = new List<int>();
            cancelled[p] = new List<int>();
            for (var k = 0; k < perProducer; k++)
            {
                var value = p * perProducer + k;
                if (random.Next(3) == 0)
                {
                    var outcome = Executor.BlockOn(Future.Select(own.Send(value), Future.YieldNow()));
                    (outcome.IsFirst ? confirmed[p] : cancelled[p]).Add(value);
                }
                else
                {
                    Executor.BlockOn(own.Send(value));
                    confirmed[p].Add(value);
                }
            }

            own.Dispose();
        }

        void Consumer()
        {
            var random = new Random(seed);
            try
            {
                while (true)
                {
                    if (random.Next(3) == 0)
                    {
                        var outcome = Executor.BlockOn(Future.Select(receiver.Recv(), Future.YieldNow()));
                        if (outcome.IsFirst) received.Add(outcome.First);
                    }
                    else
                    {
                        received.Add(Executor.BlockOn(receiver.Recv()));
                    }
                }
            }
            catch (ChannelClosedException)
            {
                // Every producer finished and the buffer is drained.
            }
        }

        var workers = new List<Action> { Consumer };
        for (var p = 0; p < producers; p++)
        {
            var id = p;
            var own = sender.Clone();
            workers.Add(() => Producer(id, own));
        }

        sender.Dispose();
        Guard.RunAll($"channel with cancellations (capacity {capacity}, seed {seed})", workers.ToArray());

        var seen = new HashSet<int>();
        foreach (var value in received) Assert.True(seen.Add(value), $"{value} received twice (seed {seed})");
        var allCancelled = new HashSet<int>(cancelled.SelectMany(c => c));
        var allConfirmed = new HashSet<int>(confirmed.SelectMany(c => c));
        foreach (var value in allConfirmed) Assert.True(seen.Contains(value), $"{value} was sent but never received (seed {seed})");
        foreach (var value in received) Assert.True(allCancelled.Contains(value) || allConfirmed.Contains(value), $"{value} received but never sent (seed {seed})");
        for (var p = 0; p < producers; p++)
        {
            var own = received.Where(v => v / perProducer == p).ToList();
            Assert.True(own.SequenceEqual(own.OrderBy(v => v)), $"producer {p}'s items arrived out of order (seed {seed})");
        }

        Assert.True(allCancelled.Count > 0 && allConfirmed.Count > 0, $"the race never cancelled or never sent (seed {seed})");
        Assert.True(allConfirmed.Count + allCancelled.Count == producers * perProducer, $"a send was neither confirmed nor cancelled (seed {seed})");
    }

    // Spawned relay stages joined by bounded channels of random capacities, yielding at random: every value arrives once, in order.
    [Fact]
    public void ARelayPipelineOfSpawnedTasksDeliversEveryValueOnceInOrder()
    {
        var seed = Stress.Seed();
        var random = new Random(seed);
        var values = Stress.Scale(20_000, 1_000_000);
        const int Stages = 4;
        var (firstSender, nextReceiver) = Channel.Bounded<int>(random.Next(1, 4));
        var relays = new List<JoinHandle<int>>();
        for (var s = 0; s < Stages; s++)
        {
            var (sender, receiver) = Channel.Bounded<int>(random.Next(1, 4));
            relays.Add(Executor.Spawn(new RelayStage(nextReceiver, sender, new Random(seed + s + 1))));
            nextReceiver = receiver;
        }

        var source = Executor.Spawn(new SourceStage(firstSender, values));
        var last = nextReceiver;
        var expected = 0;
        var sink = Future.FromPoll(cx =>
        {
            while (true)
            {
                var poll = last.PollNext(cx);
                if (poll.IsPending) return Poll<int>.Pending;
                if (!poll.Value.HasItem) return Poll<int>.Ready(expected);
                if (poll.Value.Item != expected) throw new InvalidOperationException($"got {poll.Value.Item}, expected {expected} (seed {seed})");
                expected++;
            }
        });

        Assert.Equal(values, Guard.BlockOn(sink, $"relay pipeline sink (seed {seed})"));
        Assert.Equal(values, Guard.BlockOn(source, $"relay pipeline source (seed {seed})"));
        foreach (var relay in relays) Assert.Equal(values, Guard.BlockOn(relay, $"relay stage (seed {seed})"));
    }

    // Spawned timeouts race their inner sleeps on one driver: every task ends, and no timer entry is left behind.
    [Fact]
    public void TimeoutsRacingTheirInnerSleepsAllEndAndLeaveNoEntry()
    {
        var seed = Stress.Seed();
        var random = new Random(seed);
        var driver = new TimerDriver("timeout stress");
        var tasks = Stress.Scale(2_000, 50_000);
        var handles = new JoinHandle<bool>[tasks];
        for (var i = 0; i < tasks; i++)
        {
            var inner = new SleepFuture(driver, TimeSpan.FromMilliseconds(random.Next(0, 4)));
            var timeout = new TimeoutFuture<Unit>(driver, inner, TimeSpan.FromMilliseconds(random.Next(0, 4)));
            handles[i] = Executor.Spawn(timeout.Map(r => r.Completed));
        }

        var completed = Guard.BlockOn(Future.JoinAll(handles), $"racing timeouts (seed {seed})");
        Assert.True(driver.RegisteredCount == 0, $"{driver.RegisteredCount} entries left behind (seed {seed})");
        Assert.True(completed.Length == tasks, $"{completed.Length} of {tasks} timeouts ended (seed {seed})");
    }

    // Spawned futures under WithCancellation: other threads complete the inner futures and cancel the tokens at random,
    // at the same time. Each task ends exactly once, with its value or cancelled, and the inner future is disposed
    // exactly when the task was cancelled.
    [Fact]
    public void CancellingWhileTheInnerFutureIsWokenEndsEachTaskOnceEitherWay()
    {
        var seed = Stress.Seed();
        var tasks = Stress.Scale(2_000, 50_000);
        var inners = new FlagFuture[tasks];
        var sources = new CancellationTokenSource[tasks];
        var handles = new JoinHandle<int>[tasks];
        for (var i = 0; i < tasks; i++)
        {
            inners[i] = new FlagFuture(i);
            sources[i] = new CancellationTokenSource();
            handles[i] = Executor.Spawn(inners[i].WithCancellation(sources[i].Token));
        }

        void Completer()
        {
            var random = new Random(seed + 1);
            for (var i = 0; i < tasks; i++)
            {
                if (random.Next(4) == 0) Thread.SpinWait(random.Next(100));
                inners[i].Set();
            }
        }

        void Canceller()
        {
            var random = new Random(seed + 2);
            for (var i = 0; i < tasks; i++)
            {
                if (random.Next(4) == 0) Thread.SpinWait(random.Next(100));
                if (random.Next(2) == 0) sources[i].Cancel();
            }
        }

        Guard.RunAll($"cancel racing completion (seed {seed})", Completer, Canceller);
        var completed = 0;
        var cancelled = 0;
        Guard.Run(() =>
        {
            for (var i = 0; i < tasks; i++)
            {
                try
                {
                    Assert.True(Executor.BlockOn(handles[i]) == i, $"task {i} returned a wrong value (seed {seed})");
                    Assert.True(inners[i].Disposals == 0, $"task {i} completed but its inner future was disposed (seed {seed})");
                    completed++;
                }
                catch (OperationCanceledException)
                {
                    Assert.True(inners[i].Disposals == 1, $"task {i} was cancelled and its inner future disposed {inners[i].Disposals} times (seed {seed})");
                    cancelled++;
                }

                Assert.True(inners[i].PollsAfterDispose == 0, $"task {i}'s inner future was polled after Dispose (seed {seed})");
            }

            return 0;
        }, $"waiting for {tasks} cancellable tasks (seed {seed})");
        foreach (var source in sources) source.Dispose();
        Assert.True(completed + cancelled == tasks && completed > 0, $"{completed} completed, {cancelled} cancelled (seed {seed})");
    }

    // Threads acquire 2 to 4 of 4 permits and give up at random (a select against a yield), often just as a release grants
    // them: no permit is ever issued twice, and none is lost.
    [Fact]
    public void SemaphoreAcquiresCancelledWhileBeingGrantedLoseNoPermit()
    {
        var seed = Stress.Seed();
        const int Permits = 4;
        var perThread = Stress.Scale(5_000, 200_000);
        var semaphore = new AsyncSemaphore(Permits);
        var inUse = 0;
        var overIssued = 0;
        var acquired = 0;
        var cancelled = 0;

        void Worker(int id)
        {
            var random = new Random(seed + id);
            for (var i = 0; i < perThread; i++)
            {
                // At least two of the four permits, so any two holders collide.
                var want = random.Next(2, 5);
                var outcome = Executor.BlockOn(Future.Select(semaphore.Acquire(want), Future.YieldNow()));
                if (!outcome.IsFirst)
                {
                    Interlocked.Increment(ref cancelled);
                    continue;
                }

                using var permit = outcome.First;
                Interlocked.Increment(ref acquired);
                if (Interlocked.Add(ref inUse, want) > Permits) Interlocked.Increment(ref overIssued);
                // Hold it a while (yielding the core), so the other threads wait, give up, or are granted as they give up.
                Thread.SpinWait(random.Next(20, 400));
                if (random.Next(4) == 0) Thread.Yield();
                Interlocked.Add(ref inUse, -want);
            }
        }

        Guard.RunAll($"semaphore with cancellations ({Stress.Threads} threads, seed {seed})", Enumerable.Range(1, Stress.Threads).Select(id => (Action)(() => Worker(id))).ToArray());
        Assert.True(overIssued == 0, $"{overIssued} acquisitions beyond {Permits} permits (seed {seed})");
        Assert.True(semaphore.AvailablePermits == Permits, $"{semaphore.AvailablePermits} of {Permits} permits left: some were lost (seed {seed})");
        Assert.True(acquired > 0 && cancelled > 0, $"{acquired} acquired, {cancelled} cancelled: the race did not happen (seed {seed})");
    }

    // One NotifyOne at a time, each issued after the previous one was observed, while waiters often give up (a select
    // against a yield), sometimes just as the notification reaches them: a notification a disposed waiter received
    // passes on, so every one is observed by some waiter (otherwise the notifier hangs and the guard fails).
    [Fact]
    public void NotifyOneSurvivesWaitersCancelledWhileBeingNotified()
    {
        var seed = Stress.Seed();
        var notifications = Stress.Scale(5_000, 200_000);
        var waiters = Stress.Threads;
        var notify = new Notify();
        var observed = 0;
        var releasing = 0;
        var exited = 0;
        var gaveUp = 0;

        void Waiter(int id)
        {
            var random = new Random(seed + id);
            while (Volatile.Read(ref releasing) == 0)
            {
                bool got;
                if (random.Next(2) == 0)
                {
                    got = Executor.BlockOn(Future.Select(notify.Notified(), Future.YieldNow())).IsFirst;
                    if (!got) Interlocked.Increment(ref gaveUp);
                }
                else
                {
                    Executor.BlockOn(notify.Notified());
                    got = true;
                }

                if (got && Volatile.Read(ref releasing) == 0) Interlocked.Increment(ref observed);
            }

            Interlocked.Increment(ref exited);
        }

        void Notifier()
        {
            for (var i = 0; i < notifications; i++)
            {
                notify.NotifyOne();
                var spin = new SpinWait();
                while (Volatile.Read(ref observed) < i + 1) spin.SpinOnce(sleep1Threshold: -1);
            }

            // Release the waiters still blocked on a plain Notified.
            Volatile.Write(ref releasing, 1);
            while (Volatile.Read(ref exited) < waiters)
            {
                notify.NotifyAll();
                Thread.Yield();
            }
        }

        Guard.RunAll($"notify with {waiters} cancelled waiters (seed {seed})",
            Enumerable.Range(1, waiters).Select(id => (Action)(() => Waiter(id))).Prepend(Notifier).ToArray());
        Assert.True(Volatile.Read(ref observed) == notifications, $"{observed} observed for {notifications} notifications (seed {seed})");
        Assert.True(gaveUp > 0, $"no waiter ever gave up: the race did not happen (seed {seed})");
    }

    private static void SpinUntil(Func<bool> condition)
    {
        var spin = new SpinWait();
        while (!condition()) spin.SpinOnce(sleep1Threshold: -1);
    }

    // Ready with its value once Set (register, then re-check); counts disposals and polls after Dispose.
    private sealed class FlagFuture : IFuture<int>, IDisposable
    {
        private readonly AtomicWaker _waker = new();
        private readonly int _value;
        private int _set;
        private int _disposals;
        private int _pollsAfterDispose;

        public FlagFuture(int value) => _value = value;

        public int Disposals => Volatile.Read(ref _disposals);

        public int PollsAfterDispose => Volatile.Read(ref _pollsAfterDispose);

        public void Set()
        {
            Volatile.Write(ref _set, 1);
            _waker.Wake();
        }

        public Poll<int> Poll(Context cx)
        {
            if (Disposals != 0) Interlocked.Increment(ref _pollsAfterDispose);
            if (Volatile.Read(ref _set) != 0) return Poll<int>.Ready(_value);
            _waker.Register(cx.Waker);
            return Volatile.Read(ref _set) != 0 ? Poll<int>.Ready(_value) : Poll<int>.Pending;
        }

        public void Dispose() => Interlocked.Increment(ref _disposals);
    }

    // Sends 0..count-1 through Send futures, then closes its sender. Ready with the count.
    private sealed class SourceStage : IFuture<int>
    {
        private readonly Sender<int> _sender;
        private readonly int _count;
        private IFuture<Unit>? _send;
        private int _next;

        public SourceStage(Sender<int> sender, int count)
        {
            _sender = sender;
            _count = count;
        }

        public Poll<int> Poll(Context cx)
        {
            while (true)
            {
                if (_send is not null)
                {
                    if (_send.Poll(cx).IsPending) return Poll<int>.Pending;
                    _send = null;
                }

                if (_next == _count)
                {
                    _sender.Dispose();
                    return Poll<int>.Ready(_count);
                }

                _send = _sender.Send(_next++);
            }
        }
    }

    // Forwards every item of its receiver to its sender, sometimes yielding first; closes the sender at the end.
    private sealed class RelayStage : IFuture<int>
    {
        private readonly Receiver<int> _receiver;
        private readonly Sender<int> _sender;
        private readonly Random _random;
        private IFuture<Unit>? _yield;
        private IFuture<Unit>? _send;
        private int _forwarded;

        public RelayStage(Receiver<int> receiver, Sender<int> sender, Random random)
        {
            _receiver = receiver;
            _sender = sender;
            _random = random;
        }

        public Poll<int> Poll(Context cx)
        {
            while (true)
            {
                if (_yield is not null)
                {
                    if (_yield.Poll(cx).IsPending) return Poll<int>.Pending;
                    _yield = null;
                }

                if (_send is not null)
                {
                    if (_send.Poll(cx).IsPending) return Poll<int>.Pending;
                    _send = null;
                    _forwarded++;
                }

                var next = _receiver.PollNext(cx);
                if (next.IsPending) return Poll<int>.Pending;
                if (!next.Value.HasItem)
                {
                    _sender.Dispose();
                    return Poll<int>.Ready(_forwarded);
                }

                _send = _sender.Send(next.Value.Item);
                if (_random.Next(8) == 0) _yield = Future.YieldNow();
            }
        }
    }
}
