using System;
using System.Collections.Concurrent;
using System.Linq;
using Wakers.Tests.Polling;

namespace Wakers.Tests.Robustness;

/// <summary>
/// Records what <see cref="Executor.UnhandledException"/> reports while it is alive. Tests run in parallel and the event
/// is process-wide, so a test looks only for its own exception instances.
/// </summary>
internal sealed class ReportedExceptions : IDisposable
{
    private readonly ConcurrentQueue<object> _reports = new();

    public ReportedExceptions() => Executor.UnhandledException += OnReport;

    public int CountOf(Exception error) => _reports.Count(r => ReferenceEquals(r, error));

    /// <summary>Waits (hang-guarded) until <paramref name="error"/> was reported at least <paramref name="times"/> times.</summary>
    public void WaitFor(Exception error, string what, int times = 1) => Guard.Until(() => CountOf(error) >= times, what);

    public void Dispose() => Executor.UnhandledException -= OnReport;

    private void OnReport(object? sender, UnhandledExceptionEventArgs e)
    {
        if (e.IsTerminating) throw new InvalidOperationException("a Wakers report claimed to terminate the process");
        _reports.Enqueue(e.ExceptionObject);
    }
}
