using System;
using System.Threading;
using System.Threading.Tasks;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Xunit;
using SignalFuture = Wakers.Tests.Executors.SignalFuture;

namespace Wakers.Tests.Robustness;

// The policy (Executor.UnhandledException): a waker woken by the runtime for someone else may throw; the operation still
// completes for everyone, the exception is reported, and no runtime thread dies. A direct caller of Wake gets it thrown.
public class ThrowingWakerTests
{
    [Fact]
    public void ASpawnedTaskCompletingOnAPoolThreadReportsItsJoinWakersException()
    {
        using var reports = new ReportedExceptions();
        var signal = new SignalFuture();
        var handle = Executor.Spawn(signal.Map(_ => 42));
        var broken = new ThrowingWaker("join");
        Assert.True(broken.Poll(handle).IsPending);

        signal.Set();
        reports.WaitFor(broken.Error, "the join waker's exception to be reported from the pool thread");

        Assert.Equal(1, broken.WakeCount);
        Assert.True(handle.IsCompleted);
        Assert.Equal(42, new CountingWaker().Poll(handle).Value);
        // The pool still runs tasks.
        Assert.Equal(7, Guard.BlockOn(Executor.Spawn(Future.YieldNow().Map(_ => 7)), "a spawn after the broken waker"));
    }

    [Fact]
    public void ALocalTaskCompletingInsideARunReportsItsJoinWakersExceptionAndTheRunGoesOn()
    {
        using var reports = new ReportedExceptions();
        using var executor = new LocalExecutor();
        var first = executor.Spawn(Future.YieldNow().Map(_ => 1));
        var second = executor.Spawn(Future.YieldNow().Map(_ => 2));
        var broken = new ThrowingWaker("local join");
        Assert.True(broken.Poll(first).IsPending);

        executor.Run();

        Assert.Equal(1, reports.CountOf(broken.Error));
        Assert.Equal(1, new CountingWaker().Poll(first).Value);
        Assert.Equal(2, new CountingWaker().Poll(second).Value);
        Assert.Equal(0, executor.TaskCount);
    }

    [Fact]
    public void DisposingALocalExecutorAbortsEveryTaskEvenWhenAJoinWakerThrows()
    {
        using var reports = new ReportedExceptions();
        var executor = new LocalExecutor();
        var handles = new JoinHandle<int>[5];
        var broken = new ThrowingWaker[5];
        for (var i = 0; i < handles.Length; i++)
        {
            handles[i] = executor.Spawn(Future.Pending<int>());
            broken[i] = new ThrowingWaker($"aborted {i}");
            Assert.True(broken[i].Poll(handles[i]).IsPending);
        }

        executor.Dispose();

        foreach (var handle in handles)
        {
            Assert.True(handle.IsCompleted);
            Assert.Throws<OperationCanceledException>(() => new CountingWaker().Poll(handle));
        }

        foreach (var waker in broken) Assert.Equal(1, reports.CountOf(waker.Error));
    }

    [Fact]
    public void AJoinWakerWhoseWillWakeThrowsDoesNotJamTheHandle()
    {
        var signal = new SignalFuture();
        var handle = Executor.Spawn(signal);
        var jammer = new WillWakeThrows(new CountingWaker());
        Assert.True(handle.Poll(new Context(jammer)).IsPending);
        // The stored waker's WillWake throws into this poll (its own task's bug)...
        Assert.Throws<InvalidOperationException>(() => new CountingWaker().Poll(handle));

        // ...and the slot was released: completion still wakes the stored waker.
        signal.Set();
        Guard.Until(() => jammer.Inner.WakeCount == 1, "the stored waker to be woken on completion");
        Assert.True(handle.IsCompleted);
    }

    [Fact]
    public void ACompletionDuringAThrowingWillWakeStillWakesTheStoredWaker()
    {
        using var executor = new LocalExecutor();
        var signal = new SignalFuture();
        var handle = executor.Spawn(signal);
        Assert.Equal(1, executor.RunReady());
        var stored = new CompletingWillWake(() =>
        {
            // The task completes while the handle's Register holds the slot: the completion's wake is handed to Register.
            signal.Set();
            executor.RunReady();
        });
        Assert.True(handle.Poll(new Context(stored)).IsPending);

        Assert.Throws<InvalidOperationException>(() => new CountingWaker().Poll(handle));

        Assert.True(handle.IsCompleted);
        Assert.Equal(1, stored.WakeCount);
    }

    [Fact]
    public void ATimerFiringABrokenWakerLeavesTheTimerThreadRunning()
    {
        using var reports = new ReportedExceptions();
        var broken = new ThrowingWaker[8];
        var sleeps = new IFuture<Unit>[8];
        for (var i = 0; i < sleeps.Length; i++)
        {
            broken[i] = new ThrowingWaker($"timer {i}");
            sleeps[i] = Future.Sleep(TimeSpan.FromMilliseconds(1 + i % 3));
            Assert.True(broken[i].Poll(sleeps[i]).IsPending);
        }

        // Healthy sleeps expiring with and after the broken ones still complete: the one timer thread survived.
        var healthy = Future.JoinAll(new[] { Future.Sleep(TimeSpan.FromMilliseconds(2)), Future.Sleep(TimeSpan.FromMilliseconds(20)) });
        Guard.BlockOn(healthy, "sleeps after broken timer wakers");
        for (var i = 0; i < sleeps.Length; i++)
        {
            reports.WaitFor(broken[i].Error, $"timer {i}'s waker exception to be reported");
            Assert.Equal(1, broken[i].WakeCount);
            Assert.True(new CountingWaker().Poll(sleeps[i]).IsReady);
        }
    }

    [Fact]
    public void TrySendWakesEveryWaitingReceiverAndDeliversDespiteABrokenOne()
    {
        using var reports = new ReportedExceptions();
        var (sender, receiver) = Channel.Unbounded<int>();
        var broken = new ThrowingWaker("receiver");
        var recv = receiver.Recv();
        Assert.True(broken.Poll(recv).IsPending);
        var healthy = new CountingWaker();
        Assert.True(healthy.PollNext(receiver).IsPending);

        Assert.True(sender.TrySend(1));

        Assert.Equal(1, reports.CountOf(broken.Error));
        Assert.Equal(1, healthy.WakeCount);
        Assert.Equal(1, new CountingWaker().Poll(recv).Value);
        // The channel still works.
        Assert.True(sender.TrySend(2));
        Assert.True(receiver.TryRecv(out var second));
        Assert.Equal(2, second);
    }

    [Fact]
    public void AReceiveHandingAFreedSlotToABrokenSendStillReturnsItsItemAndKeepsTheSentOne()
    {
        using var reports = new ReportedExceptions();
        var (sender, receiver) = Channel.Bounded<int>(1);
        Assert.True(sender.TrySend(1));
        var blocked = sender.Send(2);
        var broken = new ThrowingWaker("blocked send");
        Assert.True(broken.Poll(blocked).IsPending);

        // The receive moves the blocked item into the buffer and wakes its (broken) waker.
        Assert.Equal(1, Guard.BlockOn(receiver.Recv(), "a receive that wakes a broken send"));

        Assert.Equal(1, reports.CountOf(broken.Error));
        Assert.True(new CountingWaker().Poll(blocked).IsReady);
        Assert.True(receiver.TryRecv(out var moved));
        Assert.Equal(2, moved);
    }

    [Fact]
    public void DisposingAReceiverWakesEveryWaitingSendDespiteABrokenOne()
    {
        using var reports = new ReportedExceptions();
        var (sender, receiver) = Channel.Bounded<int>(1);
        Assert.True(sender.TrySend(0));
        var sends = new IFuture<Unit>[3];
        var brokenFirst = new ThrowingWaker("first blocked send");
        var others = new[] { new CountingWaker(), new CountingWaker() };
        for (var i = 0; i < sends.Length; i++) sends[i] = sender.Send(i + 1);
        Assert.True(brokenFirst.Poll(sends[0]).IsPending);
        Assert.True(others[0].Poll(sends[1]).IsPending);
        Assert.True(others[1].Poll(sends[2]).IsPending);

        receiver.Dispose();

        Assert.Equal(1, reports.CountOf(brokenFirst.Error));
        Assert.All(others, w => Assert.Equal(1, w.WakeCount));
        Assert.All(sends, s => Assert.Throws<ChannelClosedException>(() => new CountingWaker().Poll(s)));
    }

    [Fact]
    public void NotifyAllAndNotifyOneCompleteTheirWaitersDespiteABrokenOne()
    {
        using var reports = new ReportedExceptions();
        var notify = new Notify();
        var first = notify.Notified();
        var second = notify.Notified();
        var broken = new ThrowingWaker("notified");
        var healthy = new CountingWaker();
        Assert.True(broken.Poll(first).IsPending);
        Assert.True(healthy.Poll(second).IsPending);

        notify.NotifyAll();

        Assert.Equal(1, reports.CountOf(broken.Error));
        Assert.Equal(1, healthy.WakeCount);
        Assert.True(new CountingWaker().Poll(first).IsReady);
        Assert.True(new CountingWaker().Poll(second).IsReady);

        var third = notify.Notified();
        var brokenOne = new ThrowingWaker("notified one");
        Assert.True(brokenOne.Poll(third).IsPending);
        notify.NotifyOne();
        Assert.Equal(1, reports.CountOf(brokenOne.Error));
        Assert.True(new CountingWaker().Poll(third).IsReady);
    }

    [Fact]
    public void ReleaseGrantsEveryFittingWaiterDespiteABrokenOne()
    {
        using var reports = new ReportedExceptions();
        var semaphore = new AsyncSemaphore(0);
        var first = semaphore.Acquire();
        var second = semaphore.Acquire();
        var broken = new ThrowingWaker("acquire");
        var healthy = new CountingWaker();
        Assert.True(broken.Poll(first).IsPending);
        Assert.True(healthy.Poll(second).IsPending);

        semaphore.Release(2);

        Assert.Equal(1, reports.CountOf(broken.Error));
        Assert.Equal(1, healthy.WakeCount);
        using (new CountingWaker().Poll(first).Value)
        using (new CountingWaker().Poll(second).Value)
        {
            Assert.Equal(0, semaphore.AvailablePermits);
        }

        Assert.Equal(2, semaphore.AvailablePermits);
    }

    [Fact]
    public void AOneshotSendAndASenderDisposalDeliverDespiteABrokenReceiverWaker()
    {
        using var reports = new ReportedExceptions();
        var (sender, receiver) = Oneshot.Create<string>();
        var broken = new ThrowingWaker("oneshot");
        Assert.True(broken.Poll(receiver).IsPending);
        sender.Send("value");
        Assert.Equal(1, reports.CountOf(broken.Error));
        Assert.Equal("value", new CountingWaker().Poll(receiver).Value);

        var (closing, waiting) = Oneshot.Create<string>();
        var brokenToo = new ThrowingWaker("oneshot close");
        Assert.True(brokenToo.Poll(waiting).IsPending);
        closing.Dispose();
        Assert.Equal(1, reports.CountOf(brokenToo.Error));
        Assert.Throws<ChannelClosedException>(() => new CountingWaker().Poll(waiting));
    }

    [Fact]
    public void AnAtomicWakersCallerGetsTheExceptionAndTheSlotKeepsWorking()
    {
        var slot = new AtomicWaker();
        var broken = new ThrowingWaker("atomic");
        slot.Register(broken);

        var thrown = Assert.Throws<InvalidOperationException>(() => slot.Wake());

        Assert.Same(broken.Error, thrown);
        Assert.Null(slot.Take());
        var healthy = new CountingWaker();
        slot.Register(healthy);
        slot.Wake();
        Assert.Equal(1, healthy.WakeCount);
        Assert.Equal(1, broken.WakeCount);
    }

    [Fact]
    public void ATaskCompletingInlineDoesNotThrowABrokenWakerIntoItsCompleter()
    {
        using var reports = new ReportedExceptions();
        // Continuations run inline on the thread that calls TrySetResult.
        var source = new TaskCompletionSource<int>();
        var future = source.Task.AsFuture();
        var broken = new ThrowingWaker("task continuation");
        Assert.True(broken.Poll(future).IsPending);

        Assert.True(source.TrySetResult(3));

        reports.WaitFor(broken.Error, "the continuation's waker exception to be reported");
        Assert.Equal(3, new CountingWaker().Poll(future).Value);
    }

    [Fact]
    public void CancellingATokenDoesNotThrowABrokenWakerIntoCancel()
    {
        using var reports = new ReportedExceptions();
        using var source = new CancellationTokenSource();
        var future = Future.Pending<int>().WithCancellation(source.Token);
        var broken = new ThrowingWaker("cancellation");
        Assert.True(broken.Poll(future).IsPending);

        source.Cancel();

        Assert.Equal(1, reports.CountOf(broken.Error));
        Assert.Throws<OperationCanceledException>(() => new CountingWaker().Poll(future));
    }

    [Fact]
    public void AHandlerThatThrowsIsIgnoredAndTheOthersStillRun()
    {
        var seen = 0;
        EventHandler<UnhandledExceptionEventArgs> throwing = (_, _) => throw new InvalidOperationException("handler bug");
        using var reports = new ReportedExceptions();
        Executor.UnhandledException += throwing;
        try
        {
            var (sender, receiver) = Channel.Unbounded<int>();
            var broken = new ThrowingWaker("with a broken handler");
            Assert.True(broken.PollNext(receiver).IsPending);
            Assert.True(sender.TrySend(1));
            seen = reports.CountOf(broken.Error);
        }
        finally
        {
            Executor.UnhandledException -= throwing;
        }

        Assert.Equal(1, seen);
    }

    // Counts wakes; its WillWake runs an action (once), then throws.
    private sealed class CompletingWillWake : Waker
    {
        private Action? _duringWillWake;
        private int _wakes;

        public CompletingWillWake(Action duringWillWake) => _duringWillWake = duringWillWake;

        public int WakeCount => Volatile.Read(ref _wakes);

        public override void Wake() => Interlocked.Increment(ref _wakes);

        public override bool WillWake(Waker other)
        {
            if (ReferenceEquals(this, other)) return true;
            Interlocked.Exchange(ref _duringWillWake, null)?.Invoke();
            throw new InvalidOperationException("WillWake is broken");
        }
    }

    // Stores a counting waker inside; its WillWake throws, as a buggy user waker might.
    private sealed class WillWakeThrows : Waker
    {
        public WillWakeThrows(CountingWaker inner) => Inner = inner;

        public CountingWaker Inner { get; }

        public override void Wake() => Inner.Wake();

        public override bool WillWake(Waker other) =>
            ReferenceEquals(this, other) ? true : throw new InvalidOperationException("WillWake is broken");
    }
}
