using System;

namespace Wakers;

/// <summary>The result of <see cref="Future.Select{T1, T2}"/>: which future finished first, and its value.</summary>
public readonly struct Selected<T1, T2>
{
    private readonly T1 _first;
    private readonly T2 _second;

    private Selected(int index, T1 first, T2 second)
    {
        Index = index;
        _first = first;
        _second = second;
    }

    /// <summary>0 when the first future won, 1 when the second did.</summary>
    public int Index { get; }

    /// <summary>Whether the first future won.</summary>
    public bool IsFirst => Index == 0;

    /// <summary>Whether the second future won.</summary>
    public bool IsSecond => Index == 1;

    /// <summary>The first future's result.</summary>
    /// <exception cref="InvalidOperationException">The second future won.</exception>
    public T1 First => IsFirst ? _first : throw new InvalidOperationException("The second future won the select; there is no first result.");

    /// <summary>The second future's result.</summary>
    /// <exception cref="InvalidOperationException">The first future won.</exception>
    public T2 Second => IsSecond ? _second : throw new InvalidOperationException("The first future won the select; there is no second result.");

    internal static Selected<T1, T2> FromFirst(T1 value) => new(0, value, default!);

    internal static Selected<T1, T2> FromSecond(T2 value) => new(1, default!, value);

    /// <inheritdoc />
    public override string ToString() => IsFirst ? $"First({_first})" : $"Second({_second})";
}
