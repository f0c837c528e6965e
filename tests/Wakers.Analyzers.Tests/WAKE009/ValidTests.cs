using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE009;

/// <summary>Register-then-check without a lock is the race-free order; check-then-store under a lock is right: no WAKE009.</summary>
public class ValidTests
{
    [Fact]
    public Task RegisterThenCheckWithoutALock() => Verify.Valid<RegisterBeforeCheckUnderLockAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class NoLockFirst : IFuture<int>
        {
            private int _n;
            private readonly AtomicWaker _aw = new();
            public void Inc() { Interlocked.Increment(ref _n); _aw.Wake(); }

            public Poll<int> Poll(Context cx)
            {
                _aw.Register(cx.Waker);
                var n = Volatile.Read(ref _n);
                return n > 0 ? Poll<int>.Ready(n) : Poll<int>.Pending;
            }
        }
        """);

    [Fact]
    public Task CheckThenStoreUnderTheLock() => Verify.Valid<RegisterBeforeCheckUnderLockAnalyzer>("""
        using Wakers;

        public sealed class Mailbox : IFuture<string>
        {
            private readonly object _gate = new();
            private string? _mail;
            private Waker? _owner;
            public void Deliver(string mail) { Waker? w; lock (_gate) { _mail = mail; w = _owner; _owner = null; } w?.Wake(); }

            public Poll<string> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_mail is { } m) return Poll<string>.Ready(m);
                    _owner = cx.Waker;
                    return Poll<string>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task StoreUnderTheLockCheckAfterIt() => Verify.Valid<RegisterBeforeCheckUnderLockAnalyzer>("""
        using System.Threading;
        using Wakers;

        public sealed class Split : IFuture<Unit>
        {
            private readonly object _gate = new();
            private int _done;
            private Waker? _w;
            public void Done() { Interlocked.Exchange(ref _done, 1); lock (_gate) { _w?.Wake(); } }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate) { _w = cx.Waker; }
                if (Volatile.Read(ref _done) == 1) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }
        }
        """);
}
