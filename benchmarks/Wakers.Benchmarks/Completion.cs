using System.Threading;
using System.Threading.Tasks;

namespace Wakers.Benchmarks;

/// <summary>
/// Waits for a task or a spawned future to complete the same way for both, so that comparisons measure the work
/// being waited for rather than the two libraries' different ways of blocking a thread.
/// </summary>
internal static class Completion
{
    public static void SpinUntil<T>(JoinHandle<T> handle)
    {
        var spin = new SpinWait();
        while (!handle.IsCompleted) spin.SpinOnce(sleep1Threshold: -1);
    }

    public static void SpinUntil(Task task)
    {
        var spin = new SpinWait();
        while (!task.IsCompleted) spin.SpinOnce(sleep1Threshold: -1);
    }
}
