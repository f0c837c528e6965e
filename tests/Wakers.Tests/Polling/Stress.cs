using System;

namespace Wakers.Tests.Polling;

/// <summary>Sizes of stress tests: a few seconds on two cores by default, much more with WAKERS_LONG_STRESS=1.</summary>
internal static class Stress
{
    public static bool Long => Environment.GetEnvironmentVariable("WAKERS_LONG_STRESS") == "1";

    public static int Scale(int normal, int longRun) => Long ? longRun : normal;

    /// <summary>Racing threads for a stress test: one more than the cores (at least three), so every core races and preemption interleaves them.</summary>
    public static int Threads => Math.Max(3, Environment.ProcessorCount + 1);

    /// <summary>A seed from WAKERS_STRESS_SEED (to replay a failure) or a fresh one; print it in every assertion message.</summary>
    public static int Seed()
    {
        var fixedSeed = Environment.GetEnvironmentVariable("WAKERS_STRESS_SEED");
        return fixedSeed is not null ? int.Parse(fixedSeed, System.Globalization.CultureInfo.InvariantCulture) : Environment.TickCount & 0x7fffffff;
    }
}
