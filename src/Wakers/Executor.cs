using System;
using System.Threading;

namespace Wakers;

/// <summary>Runs futures: <see cref="BlockOn{T}"/> on the calling thread.</summary>
public static partial class Executor
{
    /// <summary>Polls <paramref name="future"/> on the calling thread until Ready, parking the thread while Pending.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="future"/> is null.</exception>
    public static T BlockOn<T>(IFuture<T> future)
    {
        if (future is null) throw new ArgumentNullException(nameof(future));
        var parker = new ThreadParker();
        var cx = new Context(parker);
        while (true)
        {
            var poll = future.Poll(cx);
            if (poll.IsReady) return poll.Value;
            parker.Park();
        }
    }

    // The waker of BlockOn: a wake sets a permit; Park sleeps until there is one.
    private sealed class ThreadParker : Waker
    {
        private readonly object _gate = new();
        private bool _permit;

        public override void Wake()
        {
            lock (_gate)
            {
                if (_permit) return;
                _permit = true;
                Monitor.Pulse(_gate);
            }
        }

        public void Park()
        {
            lock (_gate)
            {
                while (!_permit) Monitor.Wait(_gate);
                _permit = false;
            }
        }
    }
}
