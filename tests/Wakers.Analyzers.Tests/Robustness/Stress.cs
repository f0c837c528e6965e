using System;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>How hard the robustness tests push: quick by default, thorough with WAKERS_LONG_STRESS=1.</summary>
public static class Stress
{
    /// <summary>Whether the opt-in long run was asked for.</summary>
    public static bool Long { get; } = Environment.GetEnvironmentVariable("WAKERS_LONG_STRESS") == "1";

    /// <summary>The seed of the random mutations: WAKERS_STRESS_SEED to replay a failure, else a fixed default.</summary>
    public static int Seed { get; } =
        int.TryParse(Environment.GetEnvironmentVariable("WAKERS_STRESS_SEED"), out var seed) ? seed : 20260101;

    /// <summary><paramref name="quick"/> by default, <paramref name="thorough"/> in the long run.</summary>
    public static int Pick(int quick, int thorough) => Long ? thorough : quick;
}
