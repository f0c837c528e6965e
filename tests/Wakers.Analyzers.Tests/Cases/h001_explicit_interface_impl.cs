using Wakers;

namespace Heldout.ExplicitInterfaceImpl;

// An explicitly implemented IFuture<T>.Poll: the "not yet" path returns Pending without storing the waker.
public sealed class Handle : IFuture<int>
{
    private readonly object _gate = new();
    private int? _exit;
    private Waker? _joiner;

    Poll<int> IFuture<int>.Poll(Context cx)
    {
        lock (_gate)
        {
            if (_exit is int code) return Poll<int>.Ready(code);
            return Poll<int>.Pending; // expect: WAKE001
        }
    }

    public void Exit(int code)
    {
        Waker? w;
        lock (_gate) { _exit = code; w = _joiner; _joiner = null; }
        w?.Wake();
    }
}
