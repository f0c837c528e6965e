using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace Wakers.Analyzers.Flow;

/// <summary>
/// The comparisons a path has learned ("rel:_state==3" false), apart from the other facts: a chain of comparisons with
/// no call between them (a wide switch) learns one per test, so they sit in a persistent map (a test costs log n,
/// not a copy of all the path has learned) with an order-insensitive hash kept up to date as they are added.
/// </summary>
internal sealed class RegistrationRelations : IEquatable<RegistrationRelations>
{
    public static readonly RegistrationRelations None = new(ImmutableDictionary.Create<string, bool>(StringComparer.Ordinal), 0);

    private readonly ImmutableDictionary<string, bool> _learned;

    private RegistrationRelations(ImmutableDictionary<string, bool> learned, int hash)
    {
        _learned = learned;
        Hash = hash;
    }

    public int Count => _learned.Count;

    /// <summary>XOR of the entries' hashes: two paths that learned the same comparisons in another order hash alike.</summary>
    public int Hash { get; }

    /// <summary>Whether the comparison is known to hold (true), to fail (false), or not known (null).</summary>
    public bool? Get(string key) => _learned.TryGetValue(key, out var holds) ? holds : null;

    /// <summary>These relations with the given comparisons learned (the same instance when none is new).</summary>
    public RegistrationRelations With(string[] keys, bool[] values)
    {
        var learned = _learned;
        var hash = Hash;
        for (var i = 0; i < keys.Length; i++)
        {
            if (learned.TryGetValue(keys[i], out var known))
            {
                if (known == values[i]) continue;
                hash ^= EntryHash(keys[i], known);
            }
            learned = learned.SetItem(keys[i], values[i]);
            hash ^= EntryHash(keys[i], values[i]);
        }
        return ReferenceEquals(learned, _learned) ? this : new RegistrationRelations(learned, hash);
    }

    /// <summary>The comparisons both know alike (used only when a block holds too many paths).</summary>
    public static RegistrationRelations Intersect(RegistrationRelations a, RegistrationRelations b)
    {
        if (ReferenceEquals(a, b) || a.Count == 0) return a;
        if (b.Count == 0) return b;
        var learned = a._learned;
        var hash = a.Hash;
        foreach (var entry in a._learned)
        {
            if (b._learned.TryGetValue(entry.Key, out var holds) && holds == entry.Value) continue;
            learned = learned.Remove(entry.Key);
            hash ^= EntryHash(entry.Key, entry.Value);
        }
        return ReferenceEquals(learned, a._learned) ? a : new RegistrationRelations(learned, hash);
    }

    public bool Equals(RegistrationRelations? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Count != other.Count || Hash != other.Hash) return false;
        foreach (var entry in _learned)
        {
            if (!other._learned.TryGetValue(entry.Key, out var holds) || holds != entry.Value) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as RegistrationRelations);

    public override int GetHashCode() => Hash;

    private static int EntryHash(string key, bool holds) => StringComparer.Ordinal.GetHashCode(key) * 7 + (holds ? 1 : 2);
}
