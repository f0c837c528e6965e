using System;
using System.Threading.Tasks;
using Wakers;

namespace Heldout2.ResultAfterNotFaulted;

// "Not faulted" is not "completed": Result still blocks while the task runs.
public sealed class Lookup : IFuture<string>
{
    private readonly Task<string> _query;

    public Lookup(Task<string> query) => _query = query;

    public Poll<string> Poll(Context cx) =>
        _query.IsFaulted ? throw new InvalidOperationException("lookup failed") : Poll<string>.Ready(_query.Result); // expect: WAKE007
}
