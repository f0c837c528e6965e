using System.Threading;
using Wakers;

namespace Heldout.ThreadJoinLocalFn;

// spawn_blocking done wrong: the local-function poll joins the worker thread.
public static class Blocking
{
    public static IFuture<int> Run(int input)
    {
        var result = 0;
        var worker = new Thread(() => result = input * 2);
        worker.Start();
        Poll<int> PollRun(Context cx)
        {
            worker.Join(); // expect: WAKE007
            return Poll<int>.Ready(result);
        }
        return Future.FromPoll<int>(PollRun);
    }
}
