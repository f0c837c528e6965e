using System.Threading;
using System.Threading.Tasks;
using Wakers;

namespace Heldout.TaskWaitVariants;

// A join of two Tasks that waits on them inside poll instead of registering continuations.
public sealed class JoinTasks : IFuture<int>
{
    private readonly Task<int> _a;
    private readonly Task<int> _b;
    private readonly CancellationToken _token;

    public JoinTasks(Task<int> a, Task<int> b, CancellationToken token) { _a = a; _b = b; _token = token; }

    public Poll<int> Poll(Context cx)
    {
        if (_token.IsCancellationRequested) return Poll<int>.Ready(-1);
        _a.Wait(_token); // expect: WAKE007
        Task.WaitAll(_a, _b); // expect: WAKE007
        return Poll<int>.Ready(_a.Result + _b.Result);
    }
}
