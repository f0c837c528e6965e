using System;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Combinators;

public class CancelTests
{
    [Fact]
    public void CancellingAWaitingSendFreesItsPlaceForTheNextSender()
    {
        var (sender, receiver) = Channel.Bounded<int>(1);
        Assert.True(sender.TrySend(1));
        var first = sender.Send(2);
        var second = sender.Send(3);
        Assert.True(new CountingWaker().Poll(first).IsPending);
        Assert.True(new CountingWaker().Poll(second).IsPending);
        first.Cancel();
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().Poll(first));
        Assert.True(receiver.TryRecv(out var item));
        Assert.Equal(1, item);
        Assert.True(new CountingWaker().Poll(second).IsReady);
        Assert.True(receiver.TryRecv(out item));
        Assert.Equal(3, item);
    }

    [Fact]
    public void CancellingAFutureThatHoldsNothingLeavesItUsable()
    {
        var ready = Future.Ready(7);
        ready.Cancel();
        Assert.Equal(Poll<int>.Ready(7), new CountingWaker().Poll(ready));
    }

    [Fact]
    public void CancellingNullThrows()
    {
        Assert.Equal("future", Assert.Throws<ArgumentNullException>(() => Future.Cancel<int>(null!)).ParamName);
    }
}
