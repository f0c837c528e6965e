using System;
using System.Collections.Generic;

namespace Wakers.Analyzers.Flow;

/// <summary>What a guard condition tests.</summary>
internal enum GuardTest
{
    /// <summary>The slot is null (<c>is null</c>, <c>== null</c>, <c>??=</c>).</summary>
    Empty,
    /// <summary>The stored waker against the new one (<c>WillWake</c>, <c>Equals</c>, <c>Contains</c>).</summary>
    Compare,
    /// <summary>A flag that is set together with the store.</summary>
    Flag,
}

/// <summary>A conditional block that tests the slot its guarded stores write (or a flag set with them).</summary>
internal sealed class RegistrationGuard
{
    private readonly ForwardWalks _walks;
    private readonly IReadOnlyDictionary<int, List<StoreSite>> _storesByBlock;
    private readonly List<(int Start, FirstAnswers Stores, Func<StoreSite, bool> Matches)> _guardedReaches = new();
    private HashSet<StoreSite>? _guardedStores;

    public RegistrationGuard(int block, ForwardWalks walks, IReadOnlyDictionary<int, List<StoreSite>> storesByBlock)
    {
        Block = block;
        _walks = walks;
        _storesByBlock = storesByBlock;
    }

    public int Block { get; }
    public HashSet<string> EmptySlots { get; } = new();
    public Dictionary<string, long> FlagValues { get; } = new();
    public HashSet<GuardTest> Tests { get; } = new();

    /// <summary>The stores the guard skips; listed only when a report asks (a full walk per guard would be quadratic).</summary>
    public HashSet<StoreSite> GuardedStores => _guardedStores ??= ListGuardedStores();

    /// <summary>The branch from <paramref name="start"/> guards the stores it reaches that match; <paramref name="stores"/> tells which blocks reach one.</summary>
    internal void AddGuardedReach(int start, FirstAnswers stores, Func<StoreSite, bool> matches) => _guardedReaches.Add((start, stores, matches));

    private HashSet<StoreSite> ListGuardedStores()
    {
        var result = new HashSet<StoreSite>();
        foreach (var (start, reachesStore, matches) in _guardedReaches)
        {
            foreach (var o in _walks.Reach(start, Block, reachesStore))
            {
                if (!_storesByBlock.TryGetValue(o, out var stores)) continue;
                foreach (var st in stores)
                {
                    if (matches(st)) result.Add(st);
                }
            }
        }
        return result;
    }
}

/// <summary>Visits of the guard search (its sweeps and walks), for <see cref="RegistrationWork"/>.</summary>
internal sealed class GuardSearchWork
{
    public long Visits;
}
