using System.Threading;
using Wakers;

namespace Heldout.StructGenericFuture;

public sealed class Cell<T>
{
    public T? Value;
    public int HasValue;
    public readonly AtomicWaker Waker = new();

    public void Set(T value)
    {
        Value = value;
        Volatile.Write(ref HasValue, 1);
        Waker.Wake();
    }
}

// A generic struct future over a shared cell: it checks the cell but never registers with its AtomicWaker.
public struct ReadCell<T> : IFuture<T>
{
    private readonly Cell<T> _cell;
    public ReadCell(Cell<T> cell) => _cell = cell;

    public Poll<T> Poll(Context cx)
    {
        if (Volatile.Read(ref _cell.HasValue) == 1) return Poll<T>.Ready(_cell.Value!);
        return Poll<T>.Pending; // expect: WAKE001
    }
}
