using System;
using System.Diagnostics;

namespace Wakers;

public static partial class Executor
{
    /// <summary>
    /// Raised when a <see cref="Waker.Wake"/> throws during a wake the runtime performs for someone else: a spawned task's
    /// completion waking its <see cref="JoinHandle{T}"/>'s waiter, a timer expiring, a channel, <c>Notify</c>, semaphore or
    /// oneshot handing something to a waiter, a cancellation token's callback, a <see cref="System.Threading.Tasks.Task"/>'s
    /// continuation. The exception object is <see cref="UnhandledExceptionEventArgs.ExceptionObject"/>.
    /// </summary>
    /// <remarks>
    /// <para>The policy: a waker belongs to the task that registered it, so its failure is that task's bug, not the
    /// waking code's. The runtime catches it, finishes the operation (every other waiter is still woken, every lock is
    /// released, the item is delivered), and reports it here instead of throwing it into an unrelated caller or letting it
    /// kill the timer thread or a thread-pool thread (which would end the process). Only a caller that wakes a waker
    /// itself (<see cref="Waker.Wake"/>, <see cref="AtomicWaker.Wake"/>, a poll waking its own <c>cx.Waker</c>) gets the
    /// exception thrown back.</para>
    /// <para>Handlers run synchronously on the thread where the wake failed (possibly a runtime thread): keep them short.
    /// A handler's own exception is written to <see cref="Trace"/> and ignored. With no handler, the exception is written
    /// to <see cref="Trace"/>.</para>
    /// </remarks>
    public static event EventHandler<UnhandledExceptionEventArgs>? UnhandledException;

    /// <summary>Reports an exception that has no one to receive it (see <see cref="UnhandledException"/>). Never throws.</summary>
    internal static void ReportUnhandled(Exception exception)
    {
        var handlers = UnhandledException;
        if (handlers is null)
        {
            TraceUnhandled("A waker threw while the Wakers runtime woke it", exception);
            return;
        }

        var args = new UnhandledExceptionEventArgs(exception, isTerminating: false);
        foreach (var handler in handlers.GetInvocationList())
        {
            try
            {
                ((EventHandler<UnhandledExceptionEventArgs>)handler)(null, args);
            }
            catch (Exception handlerError)
            {
                TraceUnhandled("An Executor.UnhandledException handler threw", handlerError);
            }
        }
    }

    private static void TraceUnhandled(string what, Exception exception)
    {
        try
        {
            Trace.TraceError("{0}: {1}", what, exception);
        }
        catch (Exception)
        {
            // A broken trace listener must not take a runtime thread down either.
        }
    }
}
