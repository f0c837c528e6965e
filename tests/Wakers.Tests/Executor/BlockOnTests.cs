using System;
using System.Threading;
using Xunit;

namespace Wakers.Tests.Executors;

public class BlockOnTests
{
    [Fact]
    public void NullFutureThrows() =>
        Assert.Throws<ArgumentNullException>(() => Executor.BlockOn<int>(null!));

    [Fact]
    public void ReadyFutureReturnsItsValue() =>
        Assert.Equal(42, Executor.BlockOn(new ReadyFuture<int>(42)));

    [Fact]
    public void WakeFromAnotherThreadUnparks()
    {
        var signal = new SignalFuture();
        var setter = new Thread(() =>
        {
            // Set only once BlockOn has seen Pending, so the wake really has to unpark it.
            while (signal.Polls == 0) Thread.Yield();
            signal.Set();
        });
        setter.Start();
        HangGuard.Run(() => Executor.BlockOn(signal), "BlockOn waiting for another thread's wake");
        setter.Join();
        Assert.True(signal.IsSet);
    }

    [Fact]
    public void ParksInsteadOfPollingAgainWithoutAWake()
    {
        var signal = new SignalFuture();
        var setter = new Thread(() =>
        {
            while (signal.Polls == 0) Thread.Yield();
            // Give a spinning BlockOn every chance to poll again before the one wake.
            Thread.Sleep(50);
            signal.Set();
        });
        setter.Start();
        // A fresh thread: no parker permit left over from earlier tests.
        HangGuard.Run(() => Executor.BlockOn(signal), "BlockOn");
        setter.Join();
        Assert.Equal(2, signal.Polls);
    }

    [Fact]
    public void WakesBeforeTheParkAreNotLost()
    {
        // The future wakes its waker during the poll itself, before BlockOn parks.
        var future = new YieldingFuture(pollsUntilReady: 5);
        Assert.Equal(5, HangGuard.Run(() => Executor.BlockOn(future), "BlockOn of a self-waking future"));
    }

    [Fact]
    public void ExceptionFromPollPropagates()
    {
        var error = new InvalidOperationException("boom");
        var thrown = Assert.Throws<InvalidOperationException>(() => Executor.BlockOn(new ThrowingFuture<int>(error)));
        Assert.Same(error, thrown);
    }

    [Fact]
    public void BlockOnRunsOnTheCallingThread()
    {
        var caller = Environment.CurrentManagedThreadId;
        var pollThread = Executor.BlockOn(new ThreadRecordingFuture());
        Assert.Equal(caller, pollThread);
    }

    private sealed class ThreadRecordingFuture : IFuture<int>
    {
        public Poll<int> Poll(Context cx) => Poll<int>.Ready(Environment.CurrentManagedThreadId);
    }
}
