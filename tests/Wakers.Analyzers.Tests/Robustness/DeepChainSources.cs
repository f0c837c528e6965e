using System.Linq;
using System.Text;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// Generated poll methods whose syntax is deep in one direction (what generated state machines and parsers look like):
/// long else-if chains and operator chains, nested conditionals and parentheses, so a recursive walk would overflow.
/// </summary>
public static class DeepChainSources
{
    private const string Usings = "using System;\nusing System.Threading;\nusing Wakers;\n\n";

    /// <summary>A state machine written as an else-if chain of <paramref name="states"/> states, each storing, waking or not.</summary>
    public static string ElseIfChain(int states)
    {
        var s = new StringBuilder(Usings + "namespace Stress.ElseIf;\n\npublic sealed class Chain : IFuture<int>\n{\n" +
            "    private int _state;\n    private Waker? _w;\n\n    public Poll<int> Poll(Context cx)\n    {\n        ");
        for (var i = 0; i < states; i++)
        {
            s.Append($"if (_state == {i})\n        {{\n").Append((i % 4) switch
            {
                0 => $"            _w = cx.Waker;\n            _state = {i + 1};\n            return Poll<int>.Pending;\n",
                1 => $"            _state = {i + 1};\n            cx.Waker.Wake();\n            return Poll<int>.Pending;\n",
                2 => $"            if (_w is null) _w = cx.Waker;\n            _state = {i + 1};\n            return Poll<int>.Pending;\n",
                _ => $"            return Poll<int>.Ready({i});\n",
            }).Append("        }\n        else ");
        }
        s.Append("\n        {\n            return Poll<int>.Pending;\n        }\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>A poll method that registers through a fluent builder chain of <paramref name="calls"/> calls, and a sum of as many calls' results.</summary>
    public static string FluentChain(int calls)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Fluent;\n\npublic sealed class Builder\n{\n" +
            "    public Waker? Waker;\n    public int Count;\n    public Builder Add(int n) { Count += n; return this; }\n" +
            "    public Builder With(Waker w) { Waker = w; return this; }\n}\n\n" +
            "public sealed class Fluent : IFuture<int>\n{\n    private readonly Builder _b = new();\n    private volatile bool _ready;\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        var b = _b.With(cx.Waker)");
        s.Append(string.Concat(Enumerable.Range(0, calls).Select(i => $".Add({i})")));
        s.Append(";\n        return _ready ? Poll<int>.Ready(b.Count");
        s.Append(string.Concat(Enumerable.Range(0, calls).Select(i => $" + _b.Add({i}).Count")));
        s.Append(") : Poll<int>.Pending;\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>
    /// A poll method whose readiness test is a chain of <paramref name="terms"/> comparisons joined by || and whose value
    /// is a sum of as many terms, a conditional nested <paramref name="terms"/>/10 deep and as many parentheses.
    /// </summary>
    public static string OperatorChains(int terms)
    {
        var nesting = terms / 10;
        var s = new StringBuilder(Usings + "namespace Stress.Chains;\n\npublic sealed class Chains : IFuture<int>\n{\n" +
            "    private readonly int[] _n = new int[16];\n    private volatile bool _ready;\n    private Waker? _w;\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        _w = cx.Waker;\n        if (_ready || ");
        s.Append(string.Join(" || ", Enumerable.Range(0, terms).Select(i => $"_n[{i % 16}] == {i}")));
        s.Append(")\n        {\n            return Poll<int>.Ready(");
        s.Append(string.Join(" + ", Enumerable.Range(0, terms).Select(i => $"_n[{i % 16}]")));
        s.Append(");\n        }\n        return _n[0] > 0 ? Poll<int>.Ready(");
        s.Append(string.Concat(Enumerable.Range(0, nesting).Select(i => $"_n[{i % 16}] == {i} ? {i} : ")));
        s.Append(new string('(', nesting)).Append("_n[1]").Append(string.Concat(Enumerable.Repeat(" * 2)", nesting)));
        s.Append(") : Poll<int>.Pending;\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>Poll lambdas nested <paramref name="levels"/> deep, each defining the next and polling it with its own context.</summary>
    public static string NestedPollLambdas(int levels)
    {
        var s = new StringBuilder(Usings + "namespace Stress.NestedLambdas;\n\npublic sealed class Nest\n{\n" +
            "    private int _n;\n    private Waker? _w;\n\n    public PollFn<int> Outer()\n    {\n");
        for (var i = 0; i < levels; i++)
        {
            s.Append($"        PollFn<int> f{i} = c{i} =>\n        {{\n            if (_n == {i}) return Poll<int>.Ready({i});\n");
        }
        s.Append($"        _w = c{levels - 1}.Waker;\n        return Poll<int>.Pending;\n");
        for (var i = levels - 1; i >= 0; i--)
        {
            s.Append("        };\n");
            s.Append(i == 0 ? "        return f0;\n" : $"        return f{i}(c{i - 1});\n");
        }
        s.Append("    }\n}\n");
        return s.ToString();
    }
}
