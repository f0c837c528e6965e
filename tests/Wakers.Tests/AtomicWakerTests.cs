using System;
using Wakers.Tests.Polling;
using Xunit;

namespace Wakers.Tests;

public class AtomicWakerTests
{
    [Fact]
    public void WakeWakesTheRegisteredWakerOnceAndEmptiesTheSlot()
    {
        var slot = new AtomicWaker();
        var waker = new CountingWaker();
        slot.Register(waker);
        slot.Wake();
        slot.Wake();
        Assert.Equal(1, waker.WakeCount);
        Assert.Null(slot.Take());
    }

    [Fact]
    public void WakeOnAnEmptySlotDoesNothing()
    {
        var slot = new AtomicWaker();
        slot.Wake();
        Assert.Null(slot.Take());
    }

    [Fact]
    public void TakeReturnsTheWakerWithoutWakingIt()
    {
        var slot = new AtomicWaker();
        var waker = new CountingWaker();
        slot.Register(waker);
        Assert.Same(waker, slot.Take());
        Assert.Equal(0, waker.WakeCount);
        Assert.Null(slot.Take());
    }

    [Fact]
    public void RegisterReplacesADifferentWaker()
    {
        var slot = new AtomicWaker();
        var first = new CountingWaker();
        var second = new CountingWaker();
        slot.Register(first);
        slot.Register(second);
        slot.Wake();
        Assert.Equal(0, first.WakeCount);
        Assert.Equal(1, second.WakeCount);
    }

    [Fact]
    public void RegisterKeepsAStoredWakerThatWillWakeTheSameTask()
    {
        var slot = new AtomicWaker();
        var count = 0;
        Action wake = () => count++;
        var stored = Waker.Create(wake);
        slot.Register(stored);
        slot.Register(Waker.Create(wake));
        Assert.Same(stored, slot.Take());
    }

    [Fact]
    public void RegisterNullThrows()
    {
        Assert.Throws<ArgumentNullException>(() => new AtomicWaker().Register(null!));
    }

    [Fact]
    public void AThrowingWillWakeDoesNotJamTheSlot()
    {
        var slot = new AtomicWaker();
        slot.Register(new ThrowingWillWake());
        Assert.Throws<InvalidOperationException>(() => slot.Register(new CountingWaker()));
        var next = new CountingWaker();
        slot.Take();
        slot.Register(next);
        slot.Wake();
        Assert.Equal(1, next.WakeCount);
    }

    [Fact]
    public void AWakeWhileRegisterHoldsTheSlotWakesTheNewWaker()
    {
        var slot = new AtomicWaker();
        // The stored waker's WillWake runs inside Register, while it holds the slot: a wake from there is concurrent.
        slot.Register(new WakingWillWake(slot));
        var next = new CountingWaker();
        slot.Register(next);
        Assert.Equal(1, next.WakeCount);
        Assert.Null(slot.Take());
        var later = new CountingWaker();
        slot.Register(later);
        slot.Wake();
        Assert.Equal(1, later.WakeCount);
    }

    private sealed class WakingWillWake : Waker
    {
        private readonly AtomicWaker _slot;

        public WakingWillWake(AtomicWaker slot) => _slot = slot;

        public override void Wake()
        {
        }

        public override bool WillWake(Waker other)
        {
            _slot.Wake();
            return false;
        }
    }

    private sealed class ThrowingWillWake : Waker
    {
        public override void Wake()
        {
        }

        public override bool WillWake(Waker other) => throw new InvalidOperationException("WillWake failed");
    }
}
