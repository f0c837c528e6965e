using System.Threading;
using Wakers;

namespace Heldout2.StaticLambdaGlobalFlag;

// A process-wide shutdown signal as a future: the static lambda looks at the flag and returns Pending
// without leaving its waker anywhere.
public static class Shutdown
{
    private static int s_requested;
    private static readonly AtomicWaker s_waiter = new();

    public static void Request()
    {
        Volatile.Write(ref s_requested, 1);
        s_waiter.Wake();
    }

    public static IFuture<Unit> Requested() => Future.FromPoll<Unit>(static cx =>
    {
        if (Volatile.Read(ref s_requested) == 1) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending; // expect: WAKE001
    });
}
