using System;
using System.Threading;
using System.Threading.Tasks;
using Wakers;

namespace Heldout.ZeroTimeoutsOk;

// Tries instead of blocks: Wait(0), Wait(TimeSpan.Zero), and Result only after the negated IsCompleted test returned.
public sealed class Permit : IFuture<int>
{
    private readonly SemaphoreSlim _sem;
    private readonly ManualResetEventSlim _open;
    private readonly Task<int> _ticket;

    public Permit(SemaphoreSlim sem, ManualResetEventSlim open, Task<int> ticket) { _sem = sem; _open = open; _ticket = ticket; }

    public Poll<int> Poll(Context cx)
    {
        if (!_ticket.IsCompleted)
        {
            var w = cx.Waker;
            _ticket.ContinueWith(_ => w.Wake());
            return Poll<int>.Pending;
        }
        if (!_open.Wait(TimeSpan.Zero) || !_sem.Wait(0))
        {
            cx.Waker.Wake();
            return Poll<int>.Pending;
        }
        return Poll<int>.Ready(_ticket.Result);
    }
}
