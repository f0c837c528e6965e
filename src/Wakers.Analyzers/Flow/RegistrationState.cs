using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
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
/// </summary>
internal sealed class RegistrationState : IEquatable<RegistrationState>
{
    public static readonly RegistrationState Initial = new(
        Registration.No,
        ImmutableDictionary.Create<object, RegistrationValue>(StateKeyComparer.Instance),
        ImmutableHashSet<IOperation>.Empty);

    private RegistrationState(Registration registration, ImmutableDictionary<object, RegistrationValue> values, ImmutableHashSet<IOperation> openPolls)
    {
        Registration = registration;
        Values = values;
        OpenPolls = openPolls;
    }

    public Registration Registration { get; }

    /// <summary>Locals, reassigned parameters (symbols) and flow captures (CaptureId) with a known value.</summary>
    public ImmutableDictionary<object, RegistrationValue> Values { get; }

    /// <summary>Inner polls polled on this path whose answer may be Pending (then they registered the waker).</summary>
    public ImmutableHashSet<IOperation> OpenPolls { get; }

    /// <summary>No registration on any path this state stands for.</summary>
    public bool IsSurelyUnregistered => Registration == Registration.No && OpenPolls.IsEmpty;

    public RegistrationValue Get(object key) => Values.TryGetValue(key, out var v) ? v : RegistrationValue.Unknown;

    public RegistrationState With(object key, RegistrationValue value)
    {
        var values = value.Kind == RegistrationValueKind.Unknown ? Values.Remove(key) : Values.SetItem(key, value);
        return values == Values ? this : new RegistrationState(Registration, values, OpenPolls);
    }

    private const string OtherRegistration = "registered:other";
    private const string StoredPrefix = "registered:slot:";

    /// <summary>Registered by anything but a store into a named slot (a wake, a callback, a helper, an inner poll).</summary>
    public RegistrationState Registered() => With(OtherRegistration, RegistrationValue.Bool(true)).RegisteredOnly();

    /// <summary>Registered by a store into <paramref name="slot"/> (which a later write of null on the path undoes).</summary>
    public RegistrationState RegisteredIn(string slot) => With(StoredPrefix + slot, RegistrationValue.Bool(true)).RegisteredOnly();

    /// <summary>The slot is cleared on this path: when it held the only registration, the path is unregistered again.</summary>
    public RegistrationState Cleared(string slot)
    {
        if (!Values.ContainsKey(StoredPrefix + slot)) return this;
        var s = With(StoredPrefix + slot, RegistrationValue.Unknown);
        foreach (var key in s.Values.Keys)
        {
            if (key is string k && k.StartsWith("registered:", StringComparison.Ordinal)) return s;
        }
        return s.Registration == Registration.Yes ? new RegistrationState(Registration.No, s.Values, s.OpenPolls) : s;
    }

    private RegistrationState RegisteredOnly() =>
        Registration == Registration.Yes ? this : new RegistrationState(Registration.Yes, Values, OpenPolls);

    public RegistrationState WithOpenPoll(IOperation call) => new(Registration, Values, OpenPolls.Add(call));

    public RegistrationState WithoutOpenPoll(IOperation call) =>
        OpenPolls.Contains(call) ? new RegistrationState(Registration, Values, OpenPolls.Remove(call)) : this;

    /// <summary>Forgets the locals and captures of regions the path leaves.</summary>
    public RegistrationState Leaving(ImmutableArray<Microsoft.CodeAnalysis.FlowAnalysis.ControlFlowRegion> regions)
    {
        if (regions.IsDefaultOrEmpty || Values.IsEmpty) return this;
        var values = Values;
        foreach (var region in regions)
        {
            foreach (var local in region.Locals) values = values.Remove(local);
            foreach (var id in region.CaptureIds) values = values.Remove(id);
        }
        return values == Values ? this : new RegistrationState(Registration, values, OpenPolls);
    }

    /// <summary>The facts both states share (used only when a block holds too many paths).</summary>
    public static RegistrationState Join(RegistrationState a, RegistrationState b)
    {
        var registration = a.Registration == b.Registration && a.OpenPolls.SetEquals(b.OpenPolls)
            ? a.Registration
            : a.Registration == Registration.Yes && b.Registration == Registration.Yes ? Registration.Yes
            : a.IsSurelyUnregistered && b.IsSurelyUnregistered ? Registration.No : Registration.Maybe;
        var values = a.Values;
        foreach (var pair in a.Values)
        {
            if (!b.Values.TryGetValue(pair.Key, out var other) || !other.Equals(pair.Value)) values = values.Remove(pair.Key);
        }
        var open = registration == Registration.Maybe ? a.OpenPolls.Intersect(b.OpenPolls) : a.OpenPolls.Union(b.OpenPolls);
        return new RegistrationState(registration, values, registration == Registration.Maybe ? ImmutableHashSet<IOperation>.Empty : open);
    }

    public bool Equals(RegistrationState? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (Registration != other.Registration || Values.Count != other.Values.Count || !OpenPolls.SetEquals(other.OpenPolls)) return false;
        foreach (var pair in Values)
        {
            if (!other.Values.TryGetValue(pair.Key, out var v) || !v.Equals(pair.Value)) return false;
        }
        return true;
    }

    public override bool Equals(object? obj) => Equals(obj as RegistrationState);

    public override int GetHashCode()
    {
        var hash = (int)Registration * 31 + OpenPolls.Count;
        foreach (var pair in Values) hash ^= StateKeyComparer.Instance.GetHashCode(pair.Key) * 7 + pair.Value.GetHashCode();
        return hash;
    }
}

/// <summary>The paths reaching one block, bounded: beyond the cap they are merged into one state.</summary>
internal sealed class RegistrationStateSet
{
    private const int Cap = 24;
    private readonly List<RegistrationState> _states = new();
    private bool _merged;

    public IReadOnlyList<RegistrationState> States => _states;

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
        return changed;
    }
}

/// <summary>Symbols by symbol identity, flow captures by id.</summary>
internal sealed class StateKeyComparer : IEqualityComparer<object>
{
    public static readonly StateKeyComparer Instance = new();

    public new bool Equals(object? x, object? y) =>
        x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : object.Equals(x, y);

    public int GetHashCode(object obj) => obj is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : obj.GetHashCode();
}
