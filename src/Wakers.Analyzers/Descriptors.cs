using System.Reflection;
using Microsoft.CodeAnalysis;

namespace Wakers.Analyzers;

/// <summary>Every rule's id, title, message and severity, in one place; the help link is derived from the id.</summary>
internal static class Descriptors
{
    internal const string Category = "Wakers";
    internal static readonly string HelpLinkBase = ProjectUrl() + "/blob/main/docs/rules/";

    internal static readonly DiagnosticDescriptor LostWakeup = Create(
        "WAKE001", "A poll method returns Pending without registering the waker",
        "'{0}' returns Pending on this path without storing or waking cx.Waker: nothing will poll this task again",
        "A poll method that returns Pending must arrange for cx.Waker to be woken (store it, pass it on, or wake it); otherwise the task sleeps forever.");

    internal static readonly DiagnosticDescriptor StaleWaker = Create(
        "WAKE002", "The waker is stored once and never refreshed",
        "'{0}' stores the waker only when {1}: a later poll from another task keeps the old waker, and the wakeup goes to the wrong task",
        "A future can be polled by a different task (moved, or polled through a combinator with a child waker) on each poll; the stored waker must be replaced unless it WillWake the new one.");

    internal static readonly DiagnosticDescriptor ForeignContext = Create(
        "WAKE003", "A future is polled with a foreign Context",
        "'{0}' is polled with a Context whose waker is not this task's (cx.Waker): its wakeups reach nobody who will poll it",
        "An inner future registers whatever waker it is polled with; polling it with Waker.Noop or another task's waker drops its wakeup.");

    internal static readonly DiagnosticDescriptor CheckThenRegister = Create(
        "WAKE004", "Readiness is checked before the waker is stored, with no re-check",
        "'{0}' is read before the waker is stored and not read again after: a producer that publishes in between finds no waker and the wakeup is lost",
        "Register first, then check readiness (or check again after registering, or hold one lock across the check and the store).");

    internal static readonly DiagnosticDescriptor WakeBeforePublish = Create(
        "WAKE005", "The waker is woken before the state is published",
        "'{0}' wakes the waiting task before it writes '{1}': the task can poll in between, see nothing, and sleep for good",
        "Write the state the poll method reads first, then wake (or take the waker) after it.");

    internal static readonly DiagnosticDescriptor PublishWithoutWake = Create(
        "WAKE006", "State that a poll method waits on is written without a wake",
        "'{0}' writes '{1}', which '{2}' waits on, but never wakes the waker '{2}' stores: the waiting task is never polled again",
        "A method that can make a poll ready must wake the waker that poll stored.");

    internal static readonly DiagnosticDescriptor BlockingInPoll = Create(
        "WAKE007", "A blocking call inside a poll method",
        "'{0}' blocks the executor's thread inside '{1}': return Pending and register the waker instead",
        "A poll method runs on an executor thread that other tasks share; blocking it stalls them, and can deadlock the one that would unblock it.");

    internal static readonly DiagnosticDescriptor DiscardedPoll = Create(
        "WAKE008", "The result of an inner poll is discarded",
        "The result of '{0}' is discarded: a Ready value is lost, and the inner future may be polled again after it completed",
        "An inner poll's answer says whether the inner future finished and carries its value; keep it.");

    internal static readonly DiagnosticDescriptor RegisterBeforeCheckUnderLock = Create(
        "WAKE009", "The waker is stored before a readiness check under the same lock",
        "'{0}' stores the waker before checking readiness under the same lock: the store is wasted when the poll is Ready",
        "Under one lock there is no race to close: check readiness first and store the waker only on the Pending path.",
        DiagnosticSeverity.Info);

    internal static readonly DiagnosticDescriptor DroppedWaker = Create(
        "WAKE010", "A stored waker is dropped without a wake",
        "'{0}' clears '{1}' without waking the waker(s) it holds: the tasks waiting on them are never polled again",
        "Take the stored wakers and wake them (after the lock) before clearing or overwriting the slot.");

    internal static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static string ProjectUrl()
    {
        foreach (var a in typeof(Descriptors).Assembly.GetCustomAttributes(typeof(AssemblyMetadataAttribute), false))
        {
            if (a is AssemblyMetadataAttribute { Key: "PackageProjectUrl", Value: { } url }) return url.TrimEnd('/');
        }
        return "https://github.com/wakers-dotnet/wakers";
    }

    private static DiagnosticDescriptor Create(string id, string title, string message, string description,
        DiagnosticSeverity severity = DiagnosticSeverity.Warning) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description, HelpLink(id));
}
