using System;
using System.Collections.Generic;
using Wakers;

namespace Heldout.CatchReturnsPending;

// A decoder stream that swallows a parse error by returning Pending from the catch block, registering nothing.
public sealed class Decoder
{
    private readonly object _gate = new();
    private readonly Queue<string> _raw = new();
    private Waker? _reader;

    public void Feed(string chunk)
    {
        Waker? w;
        lock (_gate) { _raw.Enqueue(chunk); w = _reader; _reader = null; }
        w?.Wake();
    }

    public Poll<int> PollDecode(Context cx)
    {
        lock (_gate)
        {
            if (_raw.Count == 0)
            {
                _reader = cx.Waker;
                return Poll<int>.Pending;
            }
            try
            {
                return Poll<int>.Ready(int.Parse(_raw.Dequeue()));
            }
            catch (FormatException)
            {
                return Poll<int>.Pending; // expect: WAKE001
            }
        }
    }
}
