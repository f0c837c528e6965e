using System.Text;
using System.Threading.Tasks;
using Wakers.Analyzers.Flow;
using Xunit;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// The type model's work on a non-poll method is linear in its size: a local reassigned and woken after each
/// assignment (where its value comes from is looked up once, not walked per wake), and many <c>Monitor.Enter</c> calls in
/// one block (the block's <c>Exit</c> calls are found in one walk, not one walk of the rest of the block per call).
/// Counted (<see cref="TypeModelWork"/>), never timed.
/// </summary>
public class LinearNonPollWorkTests
{
    [Theory]
    [InlineData("rewoken")]
    [InlineData("entered")]
    public Task DoublingANonPollMethodDoublesTheTypeModelsWork(string shape) =>
        WorkCount.AssertDoublesWithSize(WorkCount.TypeModel, shape, new[] { 400, 800, 1_600 }, n => Source(shape, n), "repeats");

    private static string Source(string shape, int repeats)
    {
        var s = new StringBuilder("using System.Threading;\nusing Wakers;\n\nnamespace Linear.NonPoll;\n\npublic sealed class Signal : IFuture<int>\n{\n" +
            "    private readonly object _gate = new();\n    private int _count;\n    private Waker? _first;\n    private Waker? _second;\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        lock (_gate)\n        {\n            if (_count > 0) return Poll<int>.Ready(_count);\n" +
            "            _first = cx.Waker;\n            return Poll<int>.Pending;\n        }\n    }\n\n    public void Fire()\n    {\n");
        s.Append(shape == "rewoken" ? "        Waker? w;\n" : "");
        for (var i = 0; i < repeats; i++)
        {
            s.Append(shape == "rewoken"
                ? (i % 2 == 0 ? "        w = _first; _first = null; _count++; w?.Wake();\n" : "        w = _second; _second = null; _count++; w?.Wake();\n")
                : "        Monitor.Enter(_gate); _count++;\n");
        }
        if (shape == "entered")
        {
            for (var i = 0; i < repeats; i++) s.Append("        Monitor.Exit(_gate);\n");
            s.Append("        _first?.Wake();\n");
        }
        s.Append("    }\n}\n");
        return s.ToString();
    }
}
