using System;
using Wakers;
using Xunit;

namespace Wakers.Tests;

public class PollTests
{
    [Fact]
    public void DefaultIsPending()
    {
        Poll<int> poll = default;
        Assert.True(poll.IsPending);
        Assert.False(poll.IsReady);
        Assert.Equal(Poll<int>.Pending, poll);
    }

    [Fact]
    public void ReadyCarriesItsValue()
    {
        var poll = Poll<string>.Ready("x");
        Assert.True(poll.IsReady);
        Assert.Equal("x", poll.Value);
        Assert.True(poll.TryGetValue(out var v));
        Assert.Equal("x", v);
    }

    [Fact]
    public void ValueOfPendingThrows()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Poll<int>.Pending.Value);
        Assert.Contains("Pending", e.Message);
        Assert.False(Poll<int>.Pending.TryGetValue(out _));
    }

    [Fact]
    public void MapTransformsReadyAndKeepsPending()
    {
        Assert.Equal(Poll<int>.Ready(4), Poll<int>.Ready(2).Map(x => x * 2));
        Assert.True(Poll<int>.Pending.Map(x => x * 2).IsPending);
        Assert.Throws<ArgumentNullException>(() => Poll<int>.Ready(1).Map<int>(null!));
    }

    [Fact]
    public void EqualityComparesStateAndValue()
    {
        Assert.True(Poll<int>.Ready(1) == Poll<int>.Ready(1));
        Assert.True(Poll<int>.Ready(1) != Poll<int>.Ready(2));
        Assert.True(Poll<int>.Ready(0) != Poll<int>.Pending);
        Assert.Equal(Poll<int>.Ready(3).GetHashCode(), Poll<int>.Ready(3).GetHashCode());
        Assert.Equal("Ready(3)", Poll<int>.Ready(3).ToString());
        Assert.Equal("Pending", Poll<int>.Pending.ToString());
    }
}
