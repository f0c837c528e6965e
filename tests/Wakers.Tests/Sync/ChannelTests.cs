using System;
using System.Collections.Generic;
using Wakers.Sync;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests.Sync;

public class ChannelTests
{
    [Fact]
    public void AnUnboundedChannelDeliversInOrderAndEndsWhenTheSenderIsDisposed()
    {
        var (sender, receiver) = Channel.Unbounded<int>();
        for (var i = 0; i < 100; i++) Assert.True(sender.TrySend(i));
        Assert.Equal(100, receiver.Count);
        sender.Dispose();
        var waker = new CountingWaker();
        for (var i = 0; i < 100; i++) Assert.Equal((true, i), waker.PollNext(receiver).Value);
        Assert.False(waker.PollNext(receiver).Value.HasItem);
        Assert.False(waker.PollNext(receiver).Value.HasItem);
    }

    [Fact]
    public void AWaitingReceiverIsWokenBySend()
    {
        var (sender, receiver) = Channel.Unbounded<string>();
        var waker = new CountingWaker();
        Assert.True(waker.PollNext(receiver).IsPending);
        sender.TrySend("a");
        Assert.Equal(1, waker.WakeCount);
        Assert.Equal((true, "a"), waker.PollNext(receiver).Value);
    }

    [Fact]
    public void AWaitingReceiverIsWokenWhenTheLastSenderLeaves()
    {
        var (sender, receiver) = Channel.Unbounded<int>();
        var clone = sender.Clone();
        var recv = receiver.Recv();
        var waker = new CountingWaker();
        Assert.True(waker.Poll(recv).IsPending);
        sender.Dispose();
        sender.Dispose();
        Assert.Equal(0, waker.WakeCount);
        clone.Dispose();
        Assert.Equal(1, waker.WakeCount);
        Assert.Throws<ChannelClosedException>(() => waker.Poll(recv));
    }

    [Fact]
    public void RecvReturnsTheNextItemAndCannotBePolledAgain()
    {
        var (sender, receiver) = Channel.Unbounded<int>();
        sender.TrySend(4);
        var recv = receiver.Recv();
        var waker = new CountingWaker();
        Assert.Equal(4, waker.Poll(recv).Value);
        Assert.Throws<InvalidOperationException>(() => waker.Poll(recv));
        Assert.False(receiver.TryRecv(out _));
        sender.TrySend(6);
        Assert.True(receiver.TryRecv(out var six));
        Assert.Equal(6, six);
    }

    [Fact]
    public void ABoundedChannelMakesSendsWaitAndHandsFreedSlotsInOrder()
    {
        var (sender, receiver) = Channel.Bounded<int>(2);
        Assert.True(sender.TrySend(1));
        Assert.True(sender.TrySend(2));
        Assert.False(sender.TrySend(3));

        var send3 = sender.Send(3);
        var send4 = sender.Send(4);
        var waker3 = new CountingWaker();
        var waker4 = new CountingWaker();
        Assert.True(waker3.Poll(send3).IsPending);
        Assert.True(waker4.Poll(send4).IsPending);
        // Someone waits: TrySend may not jump the queue even after a slot frees.
        Assert.True(receiver.TryRecv(out var one));
        Assert.Equal(1, one);
        Assert.Equal(1, waker3.WakeCount);
        Assert.Equal(0, waker4.WakeCount);
        Assert.False(sender.TrySend(99));
        Assert.True(waker3.Poll(send3).IsReady);

        var reader = new CountingWaker();
        Assert.Equal((true, 2), reader.PollNext(receiver).Value);
        Assert.Equal(1, waker4.WakeCount);
        Assert.True(waker4.Poll(send4).IsReady);
        Assert.Equal((true, 3), reader.PollNext(receiver).Value);
        Assert.Equal((true, 4), reader.PollNext(receiver).Value);
        Assert.True(reader.PollNext(receiver).IsPending);
        Assert.Throws<InvalidOperationException>(() => waker4.Poll(send4));
    }

    [Fact]
    public void DisposingAWaitingSendWithdrawsItsItem()
    {
        var (sender, receiver) = Channel.Bounded<int>(1);
        sender.TrySend(1);
        var send = sender.Send(2);
        Assert.True(new CountingWaker().Poll(send).IsPending);
        send.Cancel();
        Assert.True(receiver.TryRecv(out _));
        Assert.False(receiver.TryRecv(out _));
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().Poll(send));
    }

    [Fact]
    public void AnUnfinishedSendKeepsTheChannelOpen()
    {
        var (sender, receiver) = Channel.Bounded<int>(1);
        sender.TrySend(1);
        var send = sender.Send(2);
        var sendWaker = new CountingWaker();
        Assert.True(sendWaker.Poll(send).IsPending);
        sender.Dispose();
        var reader = new CountingWaker();
        Assert.Equal((true, 1), reader.PollNext(receiver).Value);
        Assert.Equal((true, 2), reader.PollNext(receiver).Value);
        Assert.True(reader.PollNext(receiver).IsPending);
        Assert.True(sendWaker.Poll(send).IsReady);
        Assert.Equal(1, reader.WakeCount);
        Assert.False(reader.PollNext(receiver).Value.HasItem);
    }

    [Fact]
    public void DisposingTheReceiverFailsWaitingAndLaterSends()
    {
        var (sender, receiver) = Channel.Bounded<int>(1);
        sender.TrySend(1);
        var send = sender.Send(2);
        var waker = new CountingWaker();
        Assert.True(waker.Poll(send).IsPending);
        receiver.Dispose();
        Assert.Equal(1, waker.WakeCount);
        Assert.Throws<ChannelClosedException>(() => waker.Poll(send));
        Assert.True(sender.IsClosed);
        Assert.False(sender.TrySend(3));
        Assert.Throws<ChannelClosedException>(() => new CountingWaker().Poll(sender.Send(4)));
        Assert.Throws<ObjectDisposedException>(() => receiver.TryRecv(out _));
        Assert.Throws<ObjectDisposedException>(() => receiver.Recv());
        Assert.Throws<ObjectDisposedException>(() => new CountingWaker().PollNext(receiver));
    }

    [Fact]
    public void DisposingTheReceiverWakesWaitingReceives()
    {
        var (_, receiver) = Channel.Unbounded<int>();
        var recv = receiver.Recv();
        var waker = new CountingWaker();
        Assert.True(waker.Poll(recv).IsPending);
        receiver.Dispose();
        Assert.Equal(1, waker.WakeCount);
        Assert.Throws<ObjectDisposedException>(() => waker.Poll(recv));
    }

    [Fact]
    public void BadArgumentsAndDisposedSendersAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Channel.Bounded<int>(0));
        var (sender, _) = Channel.Unbounded<int>();
        sender.Dispose();
        Assert.Throws<ObjectDisposedException>(() => sender.TrySend(1));
        Assert.Throws<ObjectDisposedException>(() => sender.Send(1));
        Assert.Throws<ObjectDisposedException>(() => sender.Clone());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    [InlineData(int.MaxValue)]
    public void SeveralProducersDeliverEveryItemOnceInPerProducerOrder(int capacity)
    {
        var seed = Stress.Seed();
        const int Producers = 4;
        var perProducer = Stress.Scale(5_000, 200_000);
        var (sender, receiver) = capacity == int.MaxValue ? Channel.Unbounded<long>() : Channel.Bounded<long>(capacity);
        var producers = new Action[Producers + 1];
        for (var p = 0; p < Producers; p++)
        {
            var id = p;
            var mine = sender.Clone();
            producers[p] = () =>
            {
                var random = new Random(seed + id);
                for (var i = 0; i < perProducer; i++)
                {
                    var item = ((long)id << 32) | (uint)i;
                    // Mix waiting sends with non-waiting ones that retry through a waiting send when full.
                    if (random.Next(2) == 0 && mine.TrySend(item)) continue;
                    Executor.BlockOn(mine.Send(item));
                }

                mine.Dispose();
            };
        }

        sender.Dispose();
        var next = new int[Producers];
        var received = 0;
        producers[Producers] = () =>
        {
            var random = new Random(seed - 1);
            while (true)
            {
                (bool HasItem, long Item) item;
                if (random.Next(4) == 0 && receiver.TryRecv(out var direct)) item = (true, direct);
                else item = Executor.BlockOn(Future.FromPoll(cx => receiver.PollNext(cx)));
                if (!item.HasItem) break;
                var producer = (int)(item.Item >> 32);
                var index = (int)(item.Item & 0xffffffff);
                Assert.True(index == next[producer], $"producer {producer}: got item {index}, expected {next[producer]} (seed {seed})");
                next[producer]++;
                received++;
            }
        };

        Guard.RunAll($"{Producers} producers, capacity {capacity} (seed {seed})", producers);
        Assert.True(received == Producers * perProducer, $"received {received} of {Producers * perProducer} (seed {seed})");
    }

    [Fact]
    public void ReceivesCancelledWhileItemsArriveTakeNothing()
    {
        var seed = Stress.Seed();
        var total = Stress.Scale(20_000, 500_000);
        var (sender, receiver) = Channel.Bounded<int>(4);
        var got = new List<int>(total);

        void Producer()
        {
            for (var i = 0; i < total; i++) Executor.BlockOn(sender.Send(i));
            sender.Dispose();
        }

        void Consumer()
        {
            var random = new Random(seed);
            while (true)
            {
                var recv = receiver.Recv();
                var waker = new CountingWaker();
                try
                {
                    var first = waker.Poll(recv);
                    if (first.IsReady)
                    {
                        got.Add(first.Value);
                        continue;
                    }

                    if (random.Next(3) == 0)
                    {
                        // Cancel, possibly while a send is waking this very receive.
                        recv.Cancel();
                        continue;
                    }

                    got.Add(Executor.BlockOn(recv));
                }
                catch (ChannelClosedException)
                {
                    return;
                }
            }
        }

        Guard.RunAll($"cancelled receives (seed {seed})", Producer, Consumer);
        Assert.True(got.Count == total, $"received {got.Count} of {total} (seed {seed})");
        for (var i = 0; i < total; i++) Assert.True(got[i] == i, $"item {i} was {got[i]} (seed {seed})");
    }
}
