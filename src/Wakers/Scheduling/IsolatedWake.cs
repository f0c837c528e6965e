using System;

namespace Wakers.Scheduling;

/// <summary>
/// Wakes a waker that another task registered: its exception is that task's bug, so it is reported through
/// <see cref="Executor.UnhandledException"/> instead of thrown into the waking code (see the policy there).
/// </summary>
internal static class IsolatedWake
{
    /// <summary>Wakes <paramref name="waker"/> (nothing when null); never throws.</summary>
    internal static void WakeIsolated(this Waker? waker)
    {
        if (waker is null) return;
        try
        {
            waker.Wake();
        }
        catch (Exception e)
        {
            Executor.ReportUnhandled(e);
        }
    }
}
