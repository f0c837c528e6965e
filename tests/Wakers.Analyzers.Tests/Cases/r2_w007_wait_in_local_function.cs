using System.Threading.Tasks;
using Wakers;

namespace Heldout2.WaitInLocalFunction;

// A buffered writer whose poll "flushes" the previous write through a local function that waits on it.
public sealed class WriteAll : IFuture<int>
{
    private readonly Task _previous;
    private readonly IFuture<int> _write;

    public WriteAll(Task previous, IFuture<int> write) { _previous = previous; _write = write; }

    public Poll<int> Poll(Context cx)
    {
        Flush();
        return _write.Poll(cx);

        void Flush()
        {
            if (!_previous.IsCompleted) _previous.Wait(); // expect: WAKE007
        }
    }
}
