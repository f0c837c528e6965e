using System.Text;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>
/// Poll methods at the edges of WAKE001/WAKE002's guard search: many tests of a slot or a flag whose stores are far
/// away or nowhere ahead, where a walk per test would make the work quadratic.
/// </summary>
public static class GuardSearchSources
{
    private const string Usings = "using System;\nusing Wakers;\n\n";

    /// <summary>The only stores first, under a flag; then about <paramref name="lines"/> tests of the flag, the slot and a state that reach no store.</summary>
    public static string TestsAfterTheStores(int lines)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Guards;\n\npublic sealed class AfterTheStores : IFuture<int>\n{\n" +
            "    private int _state;\n    private bool _armed;\n    private Waker? _w;\n\n" +
            "    public void Fire() { _state++; _w?.Wake(); }\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        if (_state < 0) _state = 0;\n" +
            "        if (!_armed) { _armed = true; _w = cx.Waker; }\n");
        for (var i = 0; i < lines; i++)
        {
            s.Append("        ").Append((i % 3) switch
            {
                0 => $"if (_state == {i}) return Poll<int>.Ready({i});",
                1 => $"if (_w == null && _state > {i}) return Poll<int>.Ready(-{i});",
                _ => $"if (_armed && _state == -{i}) _state = {i};",
            }).Append('\n');
        }
        s.Append("        return Poll<int>.Pending;\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>About <paramref name="lines"/> slots, each stored under its own test: the other branch of every test reaches no store of its slot.</summary>
    public static string SlotPerTest(int lines)
    {
        var slots = lines / 2;
        var s = new StringBuilder(Usings + "namespace Stress.Guards;\n\npublic sealed class SlotPerTest : IFuture<int>\n{\n" +
            "    private volatile bool _ready;\n");
        for (var i = 0; i < slots; i++) s.Append($"    private Waker? _w{i};\n");
        s.Append("\n    public void Fire() { _ready = true; _w0?.Wake(); }\n\n    public Poll<int> Poll(Context cx)\n    {\n");
        for (var i = 0; i < slots; i++)
        {
            s.Append($"        if (_w{i} == null) _w{i} = cx.Waker;\n        if (_ready) return Poll<int>.Ready({i});\n");
        }
        s.Append("        return Poll<int>.Pending;\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>A state machine of about <paramref name="lines"/> lines: a switch inside a loop, so every case test is inside a cycle.</summary>
    public static string LoopedMachine(int lines)
    {
        var cases = lines / 3;
        var s = new StringBuilder(Usings + "namespace Stress.Guards;\n\npublic sealed class LoopedMachine : IFuture<int>\n{\n" +
            "    private int _state;\n    private Waker? _w;\n    private readonly IFuture<int> _inner;\n\n" +
            "    public LoopedMachine(IFuture<int> inner) => _inner = inner;\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        while (true)\n        {\n            switch (_state)\n            {\n");
        for (var i = 0; i < cases; i++)
        {
            s.Append($"                case {i}:\n").Append((i % 4) switch
            {
                0 => $"                    _state = {i + 1};\n                    _w = cx.Waker;\n                    return Poll<int>.Pending;\n",
                1 => $"                    if (_inner.Poll(cx).IsReady) {{ _state = {i + 1}; continue; }}\n                    return Poll<int>.Pending;\n",
                2 => $"                    _state = {i + 1};\n                    continue;\n",
                _ => $"                    return Poll<int>.Ready({i});\n",
            });
        }
        s.Append("                default:\n                    throw new InvalidOperationException();\n            }\n        }\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>A poll that hands its waker to a helper of about <paramref name="lines"/> lines, which stores it once under a flag after many tests.</summary>
    public static string GuardedHelper(int lines)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Guards;\n\npublic sealed class GuardedHelper : IFuture<int>\n{\n" +
            "    private int _state;\n    private bool _armed;\n    private Waker? _w;\n\n" +
            "    public void Fire() { _state++; _w?.Wake(); }\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        if (_state > 100) return Poll<int>.Ready(_state);\n        Register(cx.Waker);\n        return Poll<int>.Pending;\n    }\n\n" +
            "    private void Register(Waker waker)\n    {\n");
        for (var i = 0; i < lines; i++)
        {
            s.Append("        ").Append((i % 2) switch
            {
                0 => $"if (_state == -{i}) _state = {i};",
                _ => $"if (_armed && _state == {i}) return;",
            }).Append('\n');
        }
        s.Append("        if (!_armed) { _armed = true; _w = waker; }\n    }\n}\n");
        return s.ToString();
    }
}
