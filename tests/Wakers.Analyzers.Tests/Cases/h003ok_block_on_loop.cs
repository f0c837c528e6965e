using System.Threading;
using Wakers;

namespace Heldout.BlockOnLoopOk;

// A hand-written block_on: parks the thread between polls of a local future, with a waker that unparks it.
public static class MiniBlockOn
{
    private sealed class Unparker : Waker
    {
        public readonly ManualResetEventSlim Event = new(false);
        public override void Wake() => Event.Set();
    }

    public static T Run<T>(IFuture<T> future)
    {
        var unparker = new Unparker();
        var cx = new Context(unparker);
        while (true)
        {
            var r = future.Poll(cx);
            if (r.IsReady) return r.Value;
            unparker.Event.Wait();
            unparker.Event.Reset();
        }
    }
}
