using System.Collections.Generic;
using System.Threading.Tasks;
using Wakers;

namespace Heldout2.AsyncEnumeratorAdapter;

// IAsyncEnumerable to stream: when MoveNextAsync does not finish at once, the pending task is kept,
// but no continuation is attached, so its completion wakes nobody.
public sealed class EnumeratorStream<T>
{
    private readonly IAsyncEnumerator<T> _source;
    private Task<bool>? _moveNext;

    public EnumeratorStream(IAsyncEnumerable<T> source) => _source = source.GetAsyncEnumerator();

    public Poll<(bool HasItem, T Item)> PollNext(Context cx)
    {
        _moveNext ??= _source.MoveNextAsync().AsTask();
        if (!_moveNext.IsCompleted)
            return Poll<(bool, T)>.Pending; // expect: WAKE001
        var has = _moveNext.Result;
        _moveNext = null;
        return Poll<(bool, T)>.Ready((has, has ? _source.Current : default!));
    }
}
