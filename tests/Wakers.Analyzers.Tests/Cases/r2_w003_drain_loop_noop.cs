using System.Collections.Generic;
using Wakers;

namespace Heldout2.DrainLoopNoop
{
    // A batching stream drains its source with a no-op context held in a local: the source registers
    // the no-op waker, and the batch waits forever once the source runs dry.
    public sealed class Chunks<T> : IStream<List<T>>
    {
        private readonly IStream<T> _source;
        private readonly int _size;

        public Chunks(IStream<T> source, int size) { _source = source; _size = size; }

        public Poll<(bool HasItem, List<T> Item)> PollNext(Context cx)
        {
            var batch = new List<T>();
            var quiet = new Context(Waker.Noop);
            while (_source.PollNext(quiet) is { IsReady: true } r) // expect: WAKE003
            {
                if (!r.Value.HasItem) return Poll<(bool, List<T>)>.Ready((batch.Count > 0, batch));
                batch.Add(r.Value.Item);
                if (batch.Count >= _size) return Poll<(bool, List<T>)>.Ready((true, batch));
            }
            if (batch.Count > 0) return Poll<(bool, List<T>)>.Ready((true, batch));
            return Poll<(bool, List<T>)>.Pending;
        }
    }
}
