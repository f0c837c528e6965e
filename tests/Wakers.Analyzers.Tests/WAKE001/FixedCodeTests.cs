using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE001;

/// <summary>What the WAKE001 store fix produces trips no other rule: no check-then-register race, no wasted store under a lock.</summary>
public class FixedCodeTests
{
    private const string StoredUnderLock = """
        using Wakers;

        public sealed class Timer : IFuture<Unit>
        {
            private readonly object _gate = new();
            private bool _completed;
            private Waker? _waker;

            public void Complete() { Waker? w; lock (_gate) { _completed = true; w = _waker; _waker = null; } w?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_completed) return Poll<Unit>.Ready(Unit.Value);
                    _waker = cx.Waker;
                    return Poll<Unit>.Pending;
                }
            }
        }
        """;

    private const string StoredThenRechecked = """
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            private volatile Waker? _waker;

            public void Release() { _released = true; _waker?.Wake(); }

            public Poll<Unit> Poll(Context cx)
            {
                if (_released) return Poll<Unit>.Ready(Unit.Value);
                _waker = cx.Waker;
                if (_released) return Poll<Unit>.Ready(Unit.Value);
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollGuarded(Context cx)
            {
                if (!_released)
                {
                    _waker = cx.Waker;
                    if (!_released)
                        return Poll<Unit>.Pending;
                }
                return Poll<Unit>.Ready(Unit.Value);
            }

            public Poll<Unit> PollBody(Context cx)
            {
                _waker = cx.Waker;
                return _released ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """;

    [Theory]
    [InlineData(StoredUnderLock)]
    [InlineData(StoredThenRechecked)]
    public async Task NoRuleFires(string source)
    {
        await Verify.Valid<LostWakeupAnalyzer>(source);
        await Verify.Valid<StaleWakerAnalyzer>(source);
        await Verify.Valid<CheckThenRegisterAnalyzer>(source);
        await Verify.Valid<RegisterBeforeCheckUnderLockAnalyzer>(source);
    }
}
