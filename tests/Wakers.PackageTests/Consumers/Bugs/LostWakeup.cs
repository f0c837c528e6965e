using Wakers;

namespace Consumer.Bugs;

// A deliberate lost wakeup: the package's analyzers must report it in a plain 'dotnet build'.
public sealed class Flag : IFuture<Unit>
{
    private volatile bool _set;

    public void Set() => _set = true;

    public Poll<Unit> Poll(Context cx)
    {
        if (_set) return Poll<Unit>.Ready(Unit.Value);
        return Poll<Unit>.Pending; // expect: WAKE001
    }
}
