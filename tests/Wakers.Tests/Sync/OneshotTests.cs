using System;
using System.Threading;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Sync;

public class OneshotTests
{
    [Fact]
    public void AValueSentBeforeThePollIsReadyAtOnce()
    {
        var (sender, receiver) = Oneshot.Create<string>();
        sender.Send("v");
        var waker = new CountingWaker();
        Assert.Equal("v", waker.Poll(receiver).Value);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(receiver));
    }

    [Fact]
    public void APendingReceiverIsWokenBySendAndTheLatestWakerWins()
    {
        var (sender, receiver) = Oneshot.Create<int>();
        var first = new CountingWaker();
        var second = new CountingWaker();
        Assert.True(first.Poll(receiver).IsPending);
        Assert.True(second.Poll(receiver).IsPending);
        sender.Send(5);
        Assert.Equal(0, first.WakeCount);
        Assert.Equal(1, second.WakeCount);
        Assert.Equal(5, second.Poll(receiver).Value);
    }

    [Fact]
    public void ASendFromAnotherThreadCompletesBlockOn()
    {
        var (sender, receiver) = Oneshot.Create<int>();
        var thread = new Thread(() =>
        {
            Thread.Sleep(5);
            sender.Send(11);
        });
        thread.Start();
        Assert.Equal(11, Guard.BlockOn(receiver, "oneshot receive"));
        thread.Join();
    }

    [Fact]
    public void DisposingTheSenderWithoutSendingFailsTheReceiver()
    {
        var (sender, receiver) = Oneshot.Create<int>();
        var waker = new CountingWaker();
        Assert.True(waker.Poll(receiver).IsPending);
        sender.Dispose();
        Assert.Equal(1, waker.WakeCount);
        var error = Assert.Throws<ChannelClosedException>(() => waker.Poll(receiver));
        Assert.Contains("without sending", error.Message);
    }

    [Fact]
    public void DisposingTheSenderAfterSendingKeepsTheValue()
    {
        var (sender, receiver) = Oneshot.Create<int>();
        sender.Send(1);
        sender.Dispose();
        Assert.Equal(1, new CountingWaker().Poll(receiver).Value);
    }

    [Fact]
    public void OnlyOneValueCanBeSent()
    {
        var (sender, _) = Oneshot.Create<int>();
        Assert.True(sender.TrySend(1));
        Assert.False(sender.TrySend(2));
        Assert.Throws<InvalidOperationException>(() => sender.Send(3));
        sender.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sender.TrySend(4));
    }

    [Fact]
    public void SendingToADisposedReceiverFails()
    {
        var (sender, receiver) = Oneshot.Create<int>();
        receiver.Dispose();
        Assert.True(sender.IsReceiverClosed);
        Assert.False(sender.TrySend(1));
        Assert.Throws<ChannelClosedException>(() => sender.Send(1));
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().Poll(receiver));
    }

    [Fact]
    public void TryReceiveTakesASentValueWithoutWaiting()
    {
        var (sender, receiver) = Oneshot.Create<int>();
        Assert.False(receiver.TryReceive(out _));
        sender.Send(8);
        Assert.True(receiver.TryReceive(out var value));
        Assert.Equal(8, value);
        Assert.False(receiver.TryReceive(out _));
    }

    [Fact]
    public void AValueTakenByTryReceiveLeavesAWaitingPollWokenAndFailingClearly()
    {
        var (sender, receiver) = Oneshot.Create<int>();
        var waiting = new CountingWaker();
        Assert.True(waiting.Poll(receiver).IsPending);
        sender.Send(2);
        Assert.Equal(1, waiting.WakeCount);
        Assert.True(receiver.TryReceive(out var two));
        Assert.Equal(2, two);
        Assert.Throws<InvalidOperationException>(() => waiting.Poll(receiver));
    }

    [Fact]
    public void SendRacingThePollLosesNoWakeup()
    {
        var seed = Stress.Seed();
        var rounds = Stress.Scale(2_000, 50_000);
        var random = new Random(seed);
        for (var i = 0; i < rounds; i++)
        {
            var (sender, receiver) = Oneshot.Create<int>();
            var spin = random.Next(200);
            var thread = new Thread(() =>
            {
                Thread.SpinWait(spin);
                if (spin % 3 == 0) sender.Dispose();
                else sender.Send(spin);
            });
            thread.Start();
            try
            {
                Assert.Equal(spin, Guard.BlockOn(receiver, $"oneshot round {i} (seed {seed})"));
                Assert.True(spin % 3 != 0, $"round {i}: the receiver got a value from a disposed sender (seed {seed})");
            }
            catch (ChannelClosedException)
            {
                Assert.True(spin % 3 == 0, $"round {i}: the receiver failed although a value was sent (seed {seed})");
            }

            thread.Join();
        }
    }
}
