using System.Threading;
using Wakers;

namespace Heldout2.LocalFunctionRegisterOk;

// A watch receiver whose poll is a local function: it registers before comparing versions.
public sealed class Watch
{
    private readonly AtomicWaker _changed = new();
    private int _version;

    public void Bump()
    {
        Interlocked.Increment(ref _version);
        _changed.Wake();
    }

    public IFuture<int> Changed(int seen)
    {
        return Future.FromPoll<int>(PollChanged);

        Poll<int> PollChanged(Context cx)
        {
            _changed.Register(cx.Waker);
            var now = Volatile.Read(ref _version);
            return now != seen ? Poll<int>.Ready(now) : Poll<int>.Pending;
        }
    }
}
