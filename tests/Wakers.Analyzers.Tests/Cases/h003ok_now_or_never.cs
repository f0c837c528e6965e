using Wakers;

namespace Heldout.NowOrNeverOk;

// futures-rs `now_or_never`: poll a future once with a no-op waker, outside any poll method.
public static class FutureExt
{
    public static bool TryNow<T>(IFuture<T> future, out T value)
    {
        var r = future.Poll(new Context(Waker.Noop));
        if (r.IsReady) { value = r.Value; return true; }
        value = default!;
        return false;
    }
}
