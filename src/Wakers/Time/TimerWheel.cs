using System;
using System.Collections.Generic;
using System.Numerics;

namespace Wakers.Time;

/// <summary>
/// A hierarchical timing wheel (six levels of 64 slots, one tick = 1 ms, about 2.2 years of span): O(1) insert and
/// remove, and the next expiry found from one occupancy bit mask per level. Not thread-safe: <see cref="TimerDriver"/>
/// calls it under its lock. Entries further away than the span are parked at the top level and re-inserted.
/// </summary>
internal sealed class TimerWheel
{
    private const int LevelBits = 6;
    private const int SlotsPerLevel = 1 << LevelBits;
    private const int LevelCount = 6;
    private const long MaxSpan = 1L << (LevelBits * LevelCount);
    private const long TopSlotRange = MaxSpan >> LevelBits;

    private readonly TimerEntry?[] _slots = new TimerEntry?[LevelCount * SlotsPerLevel];
    private readonly ulong[] _occupied = new ulong[LevelCount];

    /// <summary>The tick up to which every expiry has been processed; every entry in the wheel is later than it.</summary>
    internal long Elapsed { get; private set; }

    /// <summary>How many entries are in the wheel.</summary>
    internal int Count { get; private set; }

    /// <summary>Adds <paramref name="entry"/>; false (and nothing added) when its deadline has already been reached.</summary>
    internal bool Insert(TimerEntry entry)
    {
        if (entry.IsInWheel) throw new InvalidOperationException("The timer entry is already registered.");
        if (entry.Deadline <= Elapsed) return false;
        entry.When = ClampToSpan(entry.Deadline);
        Place(entry);
        Count++;
        return true;
    }

    /// <summary>Removes <paramref name="entry"/>; false when it is not in the wheel (never added, fired or removed).</summary>
    internal bool Remove(TimerEntry entry)
    {
        if (!entry.IsInWheel) return false;
        Unlink(entry);
        Count--;
        return true;
    }

    /// <summary>The tick of the next slot to expire, or <see cref="long.MaxValue"/> when the wheel is empty.</summary>
    internal long NextExpiry() => TryNextExpiration(out _, out _, out var deadline) ? deadline : long.MaxValue;

    /// <summary>Processes every slot whose tick is at most <paramref name="now"/>, adding the expired entries to <paramref name="expired"/>.</summary>
    internal void Advance(long now, List<TimerEntry> expired)
    {
        while (TryNextExpiration(out var level, out var slot, out var deadline) && deadline <= now)
        {
            Elapsed = deadline;
            var index = level * SlotsPerLevel + slot;
            var entry = _slots[index];
            _slots[index] = null;
            _occupied[level] &= ~(1UL << slot);
            while (entry is not null)
            {
                var next = entry.Next;
                entry.Previous = entry.Next = null;
                entry.Level = -1;
                if (entry.Deadline <= deadline)
                {
                    Count--;
                    expired.Add(entry);
                }
                else
                {
                    // Cascade: a coarse slot was reached, so the entry moves to a finer level (or, past the span, is re-parked).
                    entry.When = ClampToSpan(entry.Deadline);
                    Place(entry);
                }

                entry = next;
            }
        }

        if (now > Elapsed) Elapsed = now;
    }

    private void Place(TimerEntry entry)
    {
        var level = LevelFor(Elapsed, entry.When);
        var slot = (int)((entry.When >> (level * LevelBits)) & (SlotsPerLevel - 1));
        var index = level * SlotsPerLevel + slot;
        var head = _slots[index];
        entry.Level = level;
        entry.Slot = slot;
        entry.Previous = null;
        entry.Next = head;
        if (head is not null) head.Previous = entry;
        _slots[index] = entry;
        _occupied[level] |= 1UL << slot;
    }

    private void Unlink(TimerEntry entry)
    {
        var index = entry.Level * SlotsPerLevel + entry.Slot;
        if (entry.Previous is null) _slots[index] = entry.Next;
        else entry.Previous.Next = entry.Next;
        if (entry.Next is not null) entry.Next.Previous = entry.Previous;
        if (_slots[index] is null) _occupied[entry.Level] &= ~(1UL << entry.Slot);
        entry.Previous = entry.Next = null;
        entry.Level = -1;
    }

    // Past the span an entry is parked at the end of the top level, and re-placed when that slot is reached. The end is
    // just before the current top slot's next turn: a wrapped entry in the current top slot would sort before earlier ones.
    private long ClampToSpan(long deadline) => Math.Min(deadline, (Elapsed & ~(TopSlotRange - 1)) + MaxSpan - 1);

    // The level is the highest 6-bit group in which the entry's tick differs from the elapsed tick.
    private static int LevelFor(long elapsed, long when)
    {
        var masked = (ulong)(elapsed ^ when) | (SlotsPerLevel - 1);
        if (masked >= MaxSpan) masked = MaxSpan - 1;
        var significant = 63 - BitOperations.LeadingZeroCount(masked);
        return significant / LevelBits;
    }

    // Lower levels always expire first: their entries lie inside the current slot of every level above.
    private bool TryNextExpiration(out int level, out int slot, out long deadline)
    {
        for (level = 0; level < LevelCount; level++)
        {
            var occupied = _occupied[level];
            if (occupied == 0) continue;
            var shift = level * LevelBits;
            var slotRange = 1L << shift;
            var levelRange = slotRange << LevelBits;
            var nowSlot = (int)((Elapsed >> shift) & (SlotsPerLevel - 1));
            slot = (BitOperations.TrailingZeroCount(BitOperations.RotateRight(occupied, nowSlot)) + nowSlot) & (SlotsPerLevel - 1);
            deadline = (Elapsed & ~(levelRange - 1)) + slot * slotRange;
            // Only the top level wraps: a slot "behind" the current one belongs to the next turn of the wheel.
            if (deadline <= Elapsed) deadline += levelRange;
            return true;
        }

        slot = 0;
        deadline = long.MaxValue;
        return false;
    }
}
