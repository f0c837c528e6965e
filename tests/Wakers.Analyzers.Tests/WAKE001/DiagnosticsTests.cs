using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE001;

/// <summary>Poll methods with a path that returns Pending and registers nothing.</summary>
public class DiagnosticsTests
{
    [Fact]
    public Task ReturnsPendingAfterAReadinessCheck() => Verify.Diagnostics<LostWakeupAnalyzer>("""
        using Wakers;

        public sealed class Latch : IFuture<Unit>
        {
            private volatile bool _released;
            public void Release() => _released = true;

            public Poll<Unit> Poll(Context cx)
            {
                if (_released) return Poll<Unit>.Ready(Unit.Value);
                [|return Poll<Unit>.Pending;|]
            }
        }
        """);
}
