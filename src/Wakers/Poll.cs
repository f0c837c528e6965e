using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Wakers;

/// <summary>
/// The answer of one poll: <see cref="Ready"/> with a value, or <see cref="Pending"/> (the waker in the
/// <see cref="Context"/> was registered and will be woken when progress is possible).
/// <c>default(Poll&lt;T&gt;)</c> is <see cref="Pending"/>.
/// </summary>
public readonly struct Poll<T> : IEquatable<Poll<T>>
{
    private readonly T _value;
    private readonly bool _ready;

    private Poll(T value)
    {
        _value = value;
        _ready = true;
    }

    /// <summary>A completed poll carrying <paramref name="value"/>.</summary>
    public static Poll<T> Ready(T value) => new(value);

    /// <summary>A poll that cannot complete yet.</summary>
    public static Poll<T> Pending => default;

    /// <summary>Whether the poll completed.</summary>
    public bool IsReady => _ready;

    /// <summary>Whether the poll did not complete.</summary>
    public bool IsPending => !_ready;

    /// <summary>The value of a ready poll.</summary>
    /// <exception cref="InvalidOperationException">The poll is pending.</exception>
    public T Value => _ready ? _value : throw new InvalidOperationException("The poll is Pending: it has no value.");

    /// <summary>Gets the value when ready.</summary>
    public bool TryGetValue([MaybeNullWhen(false)] out T value)
    {
        value = _value;
        return _ready;
    }

    /// <summary>Applies <paramref name="map"/> to the value of a ready poll; a pending poll stays pending.</summary>
    public Poll<TResult> Map<TResult>(Func<T, TResult> map)
    {
        if (map is null) throw new ArgumentNullException(nameof(map));
        return _ready ? Poll<TResult>.Ready(map(_value)) : Poll<TResult>.Pending;
    }

    /// <inheritdoc />
    public bool Equals(Poll<T> other) =>
        _ready == other._ready && (!_ready || EqualityComparer<T>.Default.Equals(_value, other._value));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Poll<T> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _ready ? HashCode.Combine(true, _value) : 0;

    /// <inheritdoc />
    public override string ToString() => _ready ? $"Ready({_value})" : "Pending";

    /// <summary>Whether both polls are pending, or both ready with equal values.</summary>
    public static bool operator ==(Poll<T> left, Poll<T> right) => left.Equals(right);

    /// <summary>Whether the polls differ.</summary>
    public static bool operator !=(Poll<T> left, Poll<T> right) => !left.Equals(right);
}
