namespace Wakers;

/// <summary>The value of a future that completes with no result (Rust's <c>()</c>).</summary>
public readonly struct Unit : System.IEquatable<Unit>
{
    /// <summary>The only value of <see cref="Unit"/>.</summary>
    public static readonly Unit Value = default;

    /// <inheritdoc />
    public bool Equals(Unit other) => true;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Unit;

    /// <inheritdoc />
    public override int GetHashCode() => 0;

    /// <inheritdoc />
    public override string ToString() => "()";

    /// <summary>Every <see cref="Unit"/> equals every other.</summary>
    public static bool operator ==(Unit left, Unit right) => true;

    /// <summary>No <see cref="Unit"/> differs from another.</summary>
    public static bool operator !=(Unit left, Unit right) => false;
}
