using System;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers.Flow;

/// <summary>What the registration dataflow knows about one value: a Poll constant, an inner poll's answer, the waker, a bool.</summary>
internal enum RegistrationValueKind : byte
{
    Unknown,
    /// <summary><c>Poll&lt;T&gt;.Pending</c>, <c>default</c>, <c>new Poll&lt;T&gt;()</c>.</summary>
    Pending,
    /// <summary><c>Poll&lt;T&gt;.Ready(x)</c>.</summary>
    Ready,
    /// <summary>The answer of an inner poll (the token names the call).</summary>
    InnerPoll,
    /// <summary><c>cx</c>, <c>cx.Waker</c>, or something built around it (a wrapper waker, a lambda capturing it, a Context).</summary>
    Carrier,
    True,
    False,
    /// <summary>A field or local known to be null on this path.</summary>
    Null,
    /// <summary>A field or local known not to be null on this path.</summary>
    NotNull,
    /// <summary>An object created in this poll and not yet handed anywhere: writing the waker into it stores it in a local.</summary>
    Fresh,
}

/// <summary>One abstract value; <see cref="Token"/> is the inner poll call for <see cref="RegistrationValueKind.InnerPoll"/>.</summary>
internal readonly struct RegistrationValue : IEquatable<RegistrationValue>
{
    public RegistrationValue(RegistrationValueKind kind, IOperation? token = null)
    {
        Kind = kind;
        Token = token;
    }

    public RegistrationValueKind Kind { get; }
    public IOperation? Token { get; }

    public static RegistrationValue Unknown => default;
    public static RegistrationValue Pending => new(RegistrationValueKind.Pending);
    public static RegistrationValue Ready => new(RegistrationValueKind.Ready);
    public static RegistrationValue Carrier => new(RegistrationValueKind.Carrier);
    public static RegistrationValue Null => new(RegistrationValueKind.Null);
    public static RegistrationValue NotNull => new(RegistrationValueKind.NotNull);
    public static RegistrationValue Bool(bool b) => new(b ? RegistrationValueKind.True : RegistrationValueKind.False);

    public bool IsCarrier => Kind == RegistrationValueKind.Carrier;

    public bool Equals(RegistrationValue other) => Kind == other.Kind && ReferenceEquals(Token, other.Token);
    public override bool Equals(object? obj) => obj is RegistrationValue v && Equals(v);
    public override int GetHashCode() => ((int)Kind * 397) ^ (Token is null ? 0 : Token.GetHashCode());
}
