using System.Threading;
using Wakers;

namespace Heldout.SystemLockRegisterFirst;

// Under a System.Threading.Lock the waker is stored before the check, and kept even when the value is there.
public sealed class Mailbox : IFuture<string>
{
    private readonly Lock _lock = new();
    private string? _mail;
    private Waker? _owner;

    public void Deliver(string mail)
    {
        Waker? w;
        lock (_lock) { _mail = mail; w = _owner; _owner = null; }
        w?.Wake();
    }

    public Poll<string> Poll(Context cx)
    {
        lock (_lock)
        {
            _owner = cx.Waker; // expect: WAKE009
            if (_mail is { } m) return Poll<string>.Ready(m);
            return Poll<string>.Pending;
        }
    }
}
