namespace Wakers.Sync;

/// <summary>
/// A waiting future's place in a <see cref="WaitQueue"/>: the waker of its latest poll. Owned by the future, read and
/// written only under the lock of the primitive it waits on.
/// </summary>
internal class WaitNode
{
    internal Waker? Waker;
    internal WaitNode? Previous;
    internal WaitNode? Next;
    internal bool IsQueued;

    /// <summary>Stores the waker of the latest poll, keeping the stored one when it wakes the same task.</summary>
    internal void Register(Waker waker)
    {
        if (Waker is null || !Waker.WillWake(waker)) Waker = waker;
    }
}
