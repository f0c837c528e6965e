using System;
using System.Collections.Generic;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Combinators;

public class CombinatorTests
{
    [Fact]
    public void JoinWaitsForBothAndPollsThemWithTheCallersWaker()
    {
        var a = new ProbeFuture<int>();
        var b = new ProbeFuture<string>();
        var join = Future.Join(a, b);
        var waker = new CountingWaker();

        Assert.True(waker.Poll(join).IsPending);
        Assert.Same(waker, a.LastWaker);
        Assert.Same(waker, b.LastWaker);

        a.Complete(1);
        Assert.Equal(1, waker.WakeCount);
        Assert.True(waker.Poll(join).IsPending);
        Assert.Equal(2, a.Polls);
        b.Complete("b");
        Assert.Equal((1, "b"), waker.Poll(join).Value);
        Assert.Equal(2, a.Polls); // a finished child is never polled again
        Assert.Throws<InvalidOperationException>(() => waker.Poll(join));
    }

    [Fact]
    public void JoinRunsUnderBlockOn()
    {
        var result = Guard.BlockOn(Future.Join(Future.Sleep(TimeSpan.FromMilliseconds(5)), Future.Ready(7)), "join of a sleep");
        Assert.Equal(7, result.Second);
    }

    [Fact]
    public void JoinAllKeepsTheOrderOfItsInputs()
    {
        var futures = new List<IFuture<int>>();
        for (var i = 0; i < 10; i++)
        {
            var square = i * i;
            futures.Add(Future.Sleep(TimeSpan.FromMilliseconds(10 - i)).Map(_ => square));
        }

        var results = Guard.BlockOn(Future.JoinAll(futures), "join-all of sleeps");
        for (var i = 0; i < 10; i++) Assert.Equal(i * i, results[i]);
    }

    [Fact]
    public void JoinAllOfNothingIsReadyAtOnce()
    {
        var waker = new CountingWaker();
        var join = Future.JoinAll(Array.Empty<IFuture<int>>());
        Assert.Empty(waker.Poll(join).Value);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(join));
    }

    [Fact]
    public void JoinAllRejectsNulls()
    {
        Assert.Throws<ArgumentNullException>(() => Future.JoinAll<int>(null!));
        Assert.Throws<ArgumentNullException>(() => Future.JoinAll(new IFuture<int>[] { Future.Ready(1), null! }));
    }

    [Fact]
    public void DisposingAJoinDisposesItsUnfinishedChildren()
    {
        var a = new ProbeFuture<int>();
        var b = new ProbeFuture<int>();
        var join = Future.JoinAll(new[] { a, b });
        a.Complete(1);
        Assert.True(new CountingWaker().Poll(join).IsPending);
        ((IDisposable)join).Dispose();
        Assert.False(a.Disposed);
        Assert.True(b.Disposed);
    }

    [Fact]
    public void SelectSaysWhichWonAndDisposesTheLoser()
    {
        var a = new ProbeFuture<int>();
        var b = new ProbeFuture<string>();
        var select = Future.Select(a, b);
        var waker = new CountingWaker();
        Assert.True(waker.Poll(select).IsPending);
        Assert.Same(waker, a.LastWaker);
        Assert.Same(waker, b.LastWaker);

        b.Complete("second");
        Assert.Equal(1, waker.WakeCount);
        var result = waker.Poll(select).Value;
        Assert.True(result.IsSecond);
        Assert.Equal(1, result.Index);
        Assert.Equal("second", result.Second);
        Assert.Throws<InvalidOperationException>(() => result.First);
        Assert.True(a.Disposed);
        Assert.False(b.Disposed);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(select));
    }

    [Fact]
    public void SelectIsBiasedToTheFirst()
    {
        var result = new CountingWaker().Poll(Future.Select(Future.Ready(1), Future.Ready("x"))).Value;
        Assert.True(result.IsFirst);
        Assert.Equal(1, result.First);
    }

    [Fact]
    public void SelectOfAChannelAndASleepUnderBlockOn()
    {
        var result = Guard.BlockOn(Future.Select(Future.Pending<int>(), Future.Sleep(TimeSpan.FromMilliseconds(5))), "select with a sleep");
        Assert.True(result.IsSecond);
    }

    [Fact]
    public void FromPollPassesTheCallersContextAndStopsAfterReady()
    {
        var waker = new CountingWaker();
        Waker? seen = null;
        var calls = 0;
        var future = Future.FromPoll<int>(cx =>
        {
            seen = cx.Waker;
            calls++;
            if (calls < 2)
            {
                cx.Waker.Wake();
                return Poll<int>.Pending;
            }

            return Poll<int>.Ready(42);
        });
        Assert.True(waker.Poll(future).IsPending);
        Assert.Same(waker, seen);
        Assert.Equal(1, waker.WakeCount);
        Assert.Equal(42, waker.Poll(future).Value);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(future));
        Assert.Throws<ArgumentNullException>(() => Future.FromPoll<int>(null!));
    }

    [Fact]
    public void YieldNowWakesItselfOnceThenIsReady()
    {
        var waker = new CountingWaker();
        var yield = Future.YieldNow();
        Assert.True(waker.Poll(yield).IsPending);
        Assert.Equal(1, waker.WakeCount);
        Assert.True(waker.Poll(yield).IsReady);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(yield));
        Assert.Equal(Unit.Value, Guard.BlockOn(Future.YieldNow(), "yield under BlockOn"));
    }

    [Fact]
    public void MapTransformsTheResult()
    {
        var probe = new ProbeFuture<int>();
        var mapped = probe.Map(x => x.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var waker = new CountingWaker();
        Assert.True(waker.Poll(mapped).IsPending);
        Assert.Same(waker, probe.LastWaker);
        probe.Complete(5);
        Assert.Equal("5", waker.Poll(mapped).Value);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(mapped));
        Assert.Throws<ArgumentNullException>(() => Future.Map<int, int>(null!, x => x));
        Assert.Throws<ArgumentNullException>(() => Future.Ready(1).Map<int, int>(null!));
    }

    [Fact]
    public void NextTakesOneItemAndLeavesTheStreamUsable()
    {
        var (sender, receiver) = Wakers.Sync.Channel.Unbounded<int>();
        var waker = new CountingWaker();
        var next = receiver.Next();
        Assert.True(waker.Poll(next).IsPending);
        sender.TrySend(1);
        sender.TrySend(2);
        Assert.Equal(1, waker.WakeCount);
        Assert.Equal((true, 1), waker.Poll(next).Value);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(next));
        Assert.Equal((true, 2), Guard.BlockOn(receiver.Next(), "the second item"));
        sender.Dispose();
        Assert.False(Guard.BlockOn(receiver.Next(), "the end of the stream").HasItem);
        Assert.Throws<ArgumentNullException>(() => Future.Next<int>(null!));
    }

    [Fact]
    public void ATimedOutSelectAgainstAnIntervalTickKeepsBothSourcesUsable()
    {
        var (sender, receiver) = Wakers.Sync.Channel.Unbounded<int>();
        using var interval = Future.Interval(TimeSpan.FromMilliseconds(2));
        var first = Guard.BlockOn(Future.Select(receiver.Recv(), interval.Next()), "a select against a tick");
        Assert.True(first.IsSecond);
        sender.TrySend(5);
        var second = Guard.BlockOn(Future.Select(receiver.Recv(), interval.Next()), "a select with an item waiting");
        Assert.Equal(5, second.First);
    }

    [Fact]
    public void ReadyIsReadyOnce()
    {
        var waker = new CountingWaker();
        var ready = Future.Ready("v");
        Assert.Equal("v", waker.Poll(ready).Value);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(ready));
    }

    [Fact]
    public void PendingIsNeverReadyAndNeverWakes()
    {
        var waker = new CountingWaker();
        var never = Future.Pending<int>();
        for (var i = 0; i < 3; i++) Assert.True(waker.Poll(never).IsPending);
        Assert.Equal(0, waker.WakeCount);
    }

    [Fact]
    public void NullArgumentsAreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Future.Join<int, int>(null!, Future.Ready(1)));
        Assert.Throws<ArgumentNullException>(() => Future.Join<int, int>(Future.Ready(1), null!));
        Assert.Throws<ArgumentNullException>(() => Future.Select<int, int>(null!, Future.Ready(1)));
        Assert.Throws<ArgumentNullException>(() => Future.Select<int, int>(Future.Ready(1), null!));
    }
}
