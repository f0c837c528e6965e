using System;
using System.Collections.Generic;
using System.Linq;

namespace Wakers.Analyzers.Flow;

/// <summary>What a guard's branch is asked about.</summary>
internal enum GuardQuestion
{
    /// <summary>Does it reach any store?</summary>
    Store,
    /// <summary>Does it reach a store related to the slot?</summary>
    Related,
    /// <summary>Which value does it first write to the flag?</summary>
    Flag,
}

/// <summary>
/// The guard search's questions about the branches of every guard, asked in two rounds: first every question and branch
/// is announced (so each question's sweep starts at its earliest branch, not at the method's top), then answered from
/// one sweep per question.
/// </summary>
internal sealed class GuardQuestions
{
    private readonly ForwardWalks _walks;
    private readonly IReadOnlyDictionary<int, List<StoreSite>> _storesByBlock;
    private readonly Func<Dictionary<int, List<(string Slot, long Value)>>> _readFlags;
    private Dictionary<int, List<(string Slot, long Value)>>? _flagsByBlock;
    private readonly int _lastStore;
    // Per tested slot, the last block holding a store related to it (StoreSlots.Related: a store of "_a.b" is related to "_a").
    private readonly Dictionary<string, int> _lastRelated = new();
    private Dictionary<string, int>? _lastFlag;
    private readonly Dictionary<(GuardQuestion, string), int> _from = new();
    private readonly Dictionary<(GuardQuestion, string), FirstAnswers> _sweeps = new();

    public GuardQuestions(ForwardWalks walks, IReadOnlyDictionary<int, List<StoreSite>> storesByBlock, Func<Dictionary<int, List<(string Slot, long Value)>>> readFlags)
    {
        _walks = walks;
        _storesByBlock = storesByBlock;
        _readFlags = readFlags;
        _lastStore = storesByBlock.Keys.DefaultIfEmpty(-1).Max();
        foreach (var pair in storesByBlock)
        {
            foreach (var store in pair.Value)
            {
                foreach (var slot in store.Slots)
                {
                    foreach (var tested in StoreSlots.RelatedTested(slot)) Later(_lastRelated, tested, pair.Key);
                }
            }
        }
    }

    private Dictionary<int, List<(string Slot, long Value)>> FlagsByBlock => _flagsByBlock ??= _readFlags();

    private Dictionary<string, int> LastFlag
    {
        get
        {
            if (_lastFlag is not null) return _lastFlag;
            _lastFlag = new Dictionary<string, int>();
            foreach (var pair in FlagsByBlock)
            {
                foreach (var (slot, _) in pair.Value) Later(_lastFlag, slot, pair.Key);
            }
            return _lastFlag;
        }
    }

    /// <summary>Whether some store of the method (for <see cref="GuardQuestion.Flag"/>, some constant write) could answer.</summary>
    public bool CanAnswer(GuardQuestion question, string slot) => question switch
    {
        GuardQuestion.Store => _lastStore >= 0,
        GuardQuestion.Related => _lastRelated.ContainsKey(slot),
        _ => LastFlag.ContainsKey(slot),
    };

    /// <summary>Announces that the branch from <paramref name="start"/> of the guard at <paramref name="guard"/> will be asked.</summary>
    public void Expect(GuardQuestion question, string slot, int start, int guard)
    {
        // A branch back to a loop's top is walked up to the guard; the sweep answers past it.
        var from = start > guard ? start : guard + 1;
        var key = (question, slot);
        if (!_from.TryGetValue(key, out var known) || from < known) _from[key] = from;
    }

    /// <summary>The first answer the branch meets (1 for a store); null when it meets none.</summary>
    public long? Ask(GuardQuestion question, string slot, int start, int guard) =>
        _walks.First(start, guard, Answers(question, slot), b => Own(question, slot, b));

    /// <summary>The question's sweep: per block from the earliest announced branch on, the first answer a walk from it meets.</summary>
    public FirstAnswers Answers(GuardQuestion question, string slot)
    {
        var key = (question, slot);
        if (_sweeps.TryGetValue(key, out var sweep)) return sweep;
        var last = question switch
        {
            GuardQuestion.Store => _lastStore,
            GuardQuestion.Related => _lastRelated.TryGetValue(slot, out var r) ? r : -1,
            _ => LastFlag.TryGetValue(slot, out var f) ? f : -1,
        };
        return _sweeps[key] = _walks.Sweep(_from.TryGetValue(key, out var from) ? from : 0, last, b => Own(question, slot, b));
    }

    /// <summary>The first value the block itself writes to the flag.</summary>
    public long? OwnFlagWrite(int block, string slot) => Own(GuardQuestion.Flag, slot, block);

    private long? Own(GuardQuestion question, string slot, int block)
    {
        switch (question)
        {
            case GuardQuestion.Store:
                return _storesByBlock.ContainsKey(block) ? 1 : null;
            case GuardQuestion.Related:
                if (!_storesByBlock.TryGetValue(block, out var stores)) return null;
                return stores.Any(st => st.Slots.Any(k => StoreSlots.Related(k, slot))) ? 1 : null;
            default:
                if (!FlagsByBlock.TryGetValue(block, out var flags)) return null;
                foreach (var (s, v) in flags)
                {
                    if (s == slot) return v;
                }
                return null;
        }
    }

    private static void Later(Dictionary<string, int> last, string slot, int block)
    {
        if (!last.TryGetValue(slot, out var known) || block > known) last[slot] = block;
    }
}
