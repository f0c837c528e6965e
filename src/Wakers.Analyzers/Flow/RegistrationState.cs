using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Wakers.Analyzers.Flow;

/// <summary>Whether the waker is registered on a path: the lattice of the lost-wakeup dataflow.</summary>
internal enum Registration : byte
{
    No,
    Yes,
    /// <summary>Only after too many paths were merged: some paths did, some did not.</summary>
    Maybe,
}

/// <summary>
/// The facts of one path (or of paths that agree on them): the registration, the values of tracked locals and
/// flow captures, and the inner polls whose answer is not known to be Ready (each counts as a registration).
/// A path holds a handful of facts, so they sit in small immutable arrays: cheaper to copy, compare and hash than a
/// hash trie, and these operations are what the dataflow spends its time on.
/// </summary>
internal sealed class RegistrationState : IEquatable<RegistrationState>
{
    public static readonly RegistrationState Initial = new(Registration.No, Array.Empty<Fact>(), Array.Empty<IOperation>(), RegistrationRelations.None);

    private readonly Fact[] _facts;
    private readonly IOperation[] _openPolls;
    private readonly RegistrationRelations _relations;
    private int _hash;

    private RegistrationState(Registration registration, Fact[] facts, IOperation[] openPolls, RegistrationRelations relations)
    {
        Registration = registration;
        _facts = facts;
        _openPolls = openPolls;
        _relations = relations;
    }

    public Registration Registration { get; }

    /// <summary>How many facts and open polls a copy of this state copies (the learned comparisons are shared, not copied).</summary>
    public int Size => _facts.Length + _openPolls.Length;

    /// <summary>Whether no local, parameter, capture or slot has a known value.</summary>
    public bool HasNoValues => _facts.Length == 0 && _relations.Count == 0;

    /// <summary>No registration on any path this state stands for.</summary>
    public bool IsSurelyUnregistered => Registration == Registration.No && _openPolls.Length == 0;

    /// <summary>Whether <paramref name="key"/> (a local, a reassigned parameter, a CaptureId, a slot key) has a known value.</summary>
    public bool Has(object key) => IndexOf(key, KeyHash(key)) >= 0;

    public RegistrationValue Get(object key)
    {
        var i = IndexOf(key, KeyHash(key));
        return i >= 0 ? _facts[i].Value : RegistrationValue.Unknown;
    }

    /// <summary>Whether some value on this path is of <paramref name="kind"/>.</summary>
    public bool HasValueOfKind(RegistrationValueKind kind)
    {
        foreach (var f in _facts)
        {
            if (f.Value.Kind == kind) return true;
        }
        return false;
    }

    public RegistrationState With(object key, RegistrationValue value)
    {
        var hash = KeyHash(key);
        var i = IndexOf(key, hash);
        if (value.Kind == RegistrationValueKind.Unknown)
        {
            return i < 0 ? this : new RegistrationState(Registration, Without(_facts, i), _openPolls, _relations);
        }
        if (i >= 0)
        {
            if (_facts[i].Value.Equals(value)) return this;
            var copy = (Fact[])_facts.Clone();
            copy[i] = new Fact(key, hash, value);
            return new RegistrationState(Registration, copy, _openPolls, _relations);
        }
        var added = new Fact[_facts.Length + 1];
        Array.Copy(_facts, added, _facts.Length);
        added[_facts.Length] = new Fact(key, hash, value);
        return new RegistrationState(Registration, added, _openPolls, _relations);
    }

    /// <summary>Forgets what the path knew of the parts of <paramref name="slot"/> (<c>_left.Done</c> once <c>_left</c> is written whole).</summary>
    public RegistrationState WithoutPartsOf(string slot)
    {
        var s = this;
        foreach (var f in _facts)
        {
            if (f.Key is string k && k != slot && StoreSlots.Related(k, slot))
                s = s.With(k, RegistrationValue.Unknown);
        }
        return s;
    }

    /// <summary>Whether the comparison <paramref name="key"/> is known to hold (true), to fail (false), or not known (null).</summary>
    public bool? Relation(string key) => _relations.Get(key);

    /// <summary>The state with these comparisons learned.</summary>
    public RegistrationState WithRelations(string[] keys, bool[] values)
    {
        var relations = _relations.With(keys, values);
        return ReferenceEquals(relations, _relations) ? this : new RegistrationState(Registration, _facts, _openPolls, relations);
    }

    /// <summary>Forgets every learned comparison.</summary>
    public RegistrationState WithoutRelations() =>
        _relations.Count == 0 ? this : new RegistrationState(Registration, _facts, _openPolls, RegistrationRelations.None);

    private const string RegisteredPrefix = "registered:";
    private const string OtherRegistration = "registered:other";
    private const string StoredPrefix = "registered:slot:";

    /// <summary>Registered by anything but a store into a named slot (a wake, a callback, a helper, an inner poll).</summary>
    public RegistrationState Registered() => With(OtherRegistration, RegistrationValue.Bool(true)).RegisteredOnly();

    /// <summary>Registered by a store into <paramref name="slot"/> (which a later write of null on the path undoes).</summary>
    public RegistrationState RegisteredIn(string slot) => With(StoredPrefix + slot, RegistrationValue.Bool(true)).RegisteredOnly();

    /// <summary>The slot is cleared on this path: when it held the only registration, the path is unregistered again.</summary>
    public RegistrationState Cleared(string slot)
    {
        if (!Has(StoredPrefix + slot)) return this;
        var s = With(StoredPrefix + slot, RegistrationValue.Unknown);
        foreach (var f in s._facts)
        {
            if (f.Key is string k && k.StartsWith(RegisteredPrefix, StringComparison.Ordinal)) return s;
        }
        return s.Registration == Registration.Yes ? new RegistrationState(Registration.No, s._facts, s._openPolls, s._relations) : s;
    }

    private RegistrationState RegisteredOnly() =>
        Registration == Registration.Yes ? this : new RegistrationState(Registration.Yes, _facts, _openPolls, _relations);

    public RegistrationState WithOpenPoll(IOperation call)
    {
        if (Array.IndexOf(_openPolls, call) >= 0) return this;
        var added = new IOperation[_openPolls.Length + 1];
        Array.Copy(_openPolls, added, _openPolls.Length);
        added[_openPolls.Length] = call;
        return new RegistrationState(Registration, _facts, added, _relations);
    }

    public RegistrationState WithoutOpenPoll(IOperation call)
    {
        var i = Array.IndexOf(_openPolls, call);
        if (i < 0) return this;
        var kept = new IOperation[_openPolls.Length - 1];
        Array.Copy(_openPolls, kept, i);
        Array.Copy(_openPolls, i + 1, kept, i, kept.Length - i);
        return new RegistrationState(Registration, _facts, kept, _relations);
    }

    /// <summary>
    /// Forgets the slot facts no block ahead can read (<see cref="SlotFactLiveness"/>); a registration in a slot that
    /// nothing ahead can clear becomes a plain registration.
    /// </summary>
    public RegistrationState WithoutDeadSlots(SlotFactLiveness liveness, int block)
    {
        var dropped = 0;
        var settled = false;
        foreach (var f in _facts)
        {
            if (IsDead(f.Key, liveness, block, out var registration))
            {
                dropped++;
                settled |= registration;
            }
        }
        if (dropped == 0) return this;
        var kept = new Fact[_facts.Length - dropped];
        var n = 0;
        foreach (var f in _facts)
        {
            if (!IsDead(f.Key, liveness, block, out _)) kept[n++] = f;
        }
        var s = new RegistrationState(Registration, kept, _openPolls, _relations);
        return settled ? s.With(OtherRegistration, RegistrationValue.Bool(true)) : s;
    }

    private static bool IsDead(object key, SlotFactLiveness liveness, int block, out bool registration)
    {
        registration = false;
        if (key is not string k) return false;
        if (k.StartsWith(StoredPrefix, StringComparison.Ordinal))
        {
            registration = true;
            return !liveness.MayWrite(k.Substring(StoredPrefix.Length), block);
        }
        return k.StartsWith(SlotPrefix, StringComparison.Ordinal) && !liveness.MayTest(k, block);
    }

    private const string SlotPrefix = "slot:";

    /// <summary>Forgets the locals and captures of regions the path leaves.</summary>
    public RegistrationState Leaving(ImmutableArray<ControlFlowRegion> regions)
    {
        if (regions.IsDefaultOrEmpty || _facts.Length == 0) return this;
        var s = this;
        foreach (var region in regions) s = s.Leaving(region);
        return s;
    }

    /// <summary>Forgets the locals and captures of a region the path leaves.</summary>
    public RegistrationState Leaving(ControlFlowRegion region)
    {
        if (_facts.Length == 0 || region.Locals.IsEmpty && region.CaptureIds.IsEmpty) return this;
        var dropped = 0;
        foreach (var f in _facts)
        {
            if (DeclaredIn(region, f.Key)) dropped++;
        }
        if (dropped == 0) return this;
        var kept = new Fact[_facts.Length - dropped];
        var n = 0;
        foreach (var f in _facts)
        {
            if (!DeclaredIn(region, f.Key)) kept[n++] = f;
        }
        return new RegistrationState(Registration, kept, _openPolls, _relations);
    }

    private static bool DeclaredIn(ControlFlowRegion region, object key)
    {
        switch (key)
        {
            case ILocalSymbol local:
                foreach (var l in region.Locals)
                {
                    if (SymbolEqualityComparer.Default.Equals(l, local)) return true;
                }
                return false;
            case CaptureId id:
                return region.CaptureIds.Contains(id);
            default:
                return false;
        }
    }

    /// <summary>The facts both states share (used only when a block holds too many paths).</summary>
    public static RegistrationState Join(RegistrationState a, RegistrationState b)
    {
        var samePolls = SameSet(a._openPolls, b._openPolls);
        var registration = a.Registration == b.Registration && samePolls
            ? a.Registration
            : a.Registration == Registration.Yes && b.Registration == Registration.Yes ? Registration.Yes
            : a.IsSurelyUnregistered && b.IsSurelyUnregistered ? Registration.No : Registration.Maybe;
        var facts = new List<Fact>(a._facts.Length);
        foreach (var f in a._facts)
        {
            var i = b.IndexOf(f.Key, f.KeyHash);
            if (i >= 0 && b._facts[i].Value.Equals(f.Value)) facts.Add(f);
        }
        IOperation[] open;
        if (registration == Registration.Maybe) open = Array.Empty<IOperation>();
        else if (samePolls) open = a._openPolls;
        else
        {
            var union = new List<IOperation>(a._openPolls);
            foreach (var p in b._openPolls)
            {
                if (!union.Contains(p)) union.Add(p);
            }
            open = union.ToArray();
        }
        return new RegistrationState(registration, facts.Count == a._facts.Length ? a._facts : facts.ToArray(), open, RegistrationRelations.Intersect(a._relations, b._relations));
    }

    public bool Equals(RegistrationState? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Registration != other.Registration || _facts.Length != other._facts.Length || GetHashCode() != other.GetHashCode()) return false;
        if (!SameSet(_openPolls, other._openPolls) || !_relations.Equals(other._relations)) return false;
        foreach (var f in _facts)
        {
            var i = other.IndexOf(f.Key, f.KeyHash);
            if (i < 0 || !other._facts[i].Value.Equals(f.Value)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as RegistrationState);

    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        // Order-insensitive: two paths that learned the same facts in another order are one state.
        var hash = (int)Registration * 31 + _openPolls.Length;
        foreach (var f in _facts) hash ^= f.KeyHash * 7 + f.Value.GetHashCode();
        foreach (var p in _openPolls) hash ^= RuntimeHelpers.GetHashCode(p) * 17;
        hash ^= _relations.Hash * 13;
        _hash = hash == 0 ? 1 : hash;
        return _hash;
    }

    private int IndexOf(object key, int hash)
    {
        for (var i = 0; i < _facts.Length; i++)
        {
            if (_facts[i].KeyHash == hash && StateKeyComparer.Instance.Equals(_facts[i].Key, key)) return i;
        }
        return -1;
    }

    private static int KeyHash(object key) => StateKeyComparer.Instance.GetHashCode(key);

    private static Fact[] Without(Fact[] facts, int index)
    {
        if (facts.Length == 1) return Array.Empty<Fact>();
        var kept = new Fact[facts.Length - 1];
        Array.Copy(facts, kept, index);
        Array.Copy(facts, index + 1, kept, index, kept.Length - index);
        return kept;
    }

    private static bool SameSet(IOperation[] a, IOperation[] b)
    {
        if (a.Length != b.Length) return false;
        foreach (var x in a)
        {
            if (Array.IndexOf(b, x) < 0) return false;
        }
        return true;
    }

    private readonly struct Fact
    {
        public Fact(object key, int keyHash, RegistrationValue value)
        {
            Key = key;
            KeyHash = keyHash;
            Value = value;
        }

        public object Key { get; }
        public int KeyHash { get; }
        public RegistrationValue Value { get; }
    }
}

/// <summary>The paths reaching one block, bounded: beyond the cap they are merged into one state.</summary>
internal sealed class RegistrationStateSet
{
    private const int Cap = 24;
    private readonly List<RegistrationState> _states = new();
    private bool _merged;
    private int _processed;

    public IReadOnlyList<RegistrationState> States => _states;

    /// <summary>
    /// The paths added since the last call: a block is processed once per path (processing is a function of the path),
    /// not again for every path that joins it later.
    /// </summary>
    public RegistrationState[] TakeUnprocessed()
    {
        if (_processed >= _states.Count) return Array.Empty<RegistrationState>();
        var fresh = new RegistrationState[_states.Count - _processed];
        _states.CopyTo(_processed, fresh, 0, fresh.Length);
        _processed = _states.Count;
        return fresh;
    }

    /// <summary>Adds a path; true when the set changed.</summary>
    public bool Add(RegistrationState state)
    {
        foreach (var s in _states)
        {
            if (s.Equals(state)) return false;
        }
        if (!_merged && _states.Count < Cap)
        {
            _states.Add(state);
            return true;
        }
        _merged = true;
        var merged = state;
        foreach (var s in _states) merged = RegistrationState.Join(merged, s);
        var changed = !(_states.Count == 1 && _states[0].Equals(merged));
        _states.Clear();
        _states.Add(merged);
        if (changed) _processed = 0;
        return changed;
    }
}

/// <summary>Symbols by symbol identity, flow captures by id.</summary>
internal sealed class StateKeyComparer : IEqualityComparer<object>
{
    public static readonly StateKeyComparer Instance = new();

    public new bool Equals(object? x, object? y) =>
        ReferenceEquals(x, y) || (x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y));

    public int GetHashCode(object obj) => obj is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : obj.GetHashCode();
}
