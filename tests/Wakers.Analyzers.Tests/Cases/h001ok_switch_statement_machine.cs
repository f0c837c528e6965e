using System.Threading;
using Wakers;

namespace Heldout.SwitchStatementMachineOk;

// A read-then-ack state machine: each Pending either comes from an inner poll with cx or follows an AtomicWaker registration.
public sealed class ReadAck : IFuture<int>
{
    private enum Step { Read, Ack, Done }
    private readonly IFuture<int> _read;
    private readonly AtomicWaker _ackWaker = new();
    private Step _step;
    private int _value;
    private int _acked;

    public ReadAck(IFuture<int> read) => _read = read;

    public void Ack()
    {
        Volatile.Write(ref _acked, 1);
        _ackWaker.Wake();
    }

    public Poll<int> Poll(Context cx)
    {
        while (true)
        {
            switch (_step)
            {
                case Step.Read:
                    var r = _read.Poll(cx);
                    if (r.IsPending) return Poll<int>.Pending;
                    _value = r.Value;
                    _step = Step.Ack;
                    continue;
                case Step.Ack:
                    if (Volatile.Read(ref _acked) == 0)
                    {
                        _ackWaker.Register(cx.Waker);
                        if (Volatile.Read(ref _acked) == 0) return Poll<int>.Pending;
                    }
                    _step = Step.Done;
                    continue;
                default:
                    return Poll<int>.Ready(_value);
            }
        }
    }
}
