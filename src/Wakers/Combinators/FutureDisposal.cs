using System;

namespace Wakers.Combinators;

/// <summary>Cancelling a child future: futures that hold registrations (timers, waiter nodes) implement IDisposable.</summary>
internal static class FutureDisposal
{
    internal static void DisposeIfDisposable(object? future) => (future as IDisposable)?.Dispose();

    internal static InvalidOperationException PolledAfterCompletion(string what) =>
        new($"The {what} future already completed; a completed future cannot be polled again.");

    internal static ObjectDisposedException PolledAfterDispose(string what) =>
        new($"{what} future", $"The {what} future was disposed (cancelled); it cannot be polled again.");
}
