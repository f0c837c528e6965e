using System.Linq;
using System.Text;

namespace Wakers.Analyzers.Tests.Robustness;

/// <summary>Generated sources at the edges of what analyzers meet: deep, huge, wide, recursive, split, conditional, unsafe.</summary>
public static class StressSources
{
    private const string Usings = "using System;\nusing System.Collections.Generic;\nusing System.Threading;\nusing System.Threading.Tasks;\nusing Wakers;\n\n";

    /// <summary>A poll method nested <paramref name="depth"/> levels deep in ifs, locks, try/finally and loops, plus a long expression chain.</summary>
    public static string DeepNesting(int depth)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Deep;\n\npublic sealed class Deep : IFuture<int>\n{\n" +
            "    private readonly object _gate = new();\n    private readonly int[] _n = new int[8];\n    private Waker? _w;\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n");
        for (var i = 0; i < depth; i++)
        {
            s.Append(new string(' ', 8)).Append((i % 4) switch
            {
                0 => $"if (_n[{i % 8}] > {i})",
                1 => "lock (_gate)",
                2 => "try",
                _ => $"for (var i{i} = 0; i{i} < _n[{i % 8}]; i{i}++)",
            }).Append("\n        {\n");
        }
        s.Append("        _w = cx.Waker;\n        if (_n[0] == 42) return Poll<int>.Ready(");
        s.Append(string.Join(" + ", Enumerable.Range(0, depth * 2).Select(i => $"_n[{i % 8}]")));
        s.Append(");\n        return Poll<int>.Pending;\n");
        for (var i = depth - 1; i >= 0; i--)
        {
            s.Append("        }\n");
            if (i % 4 == 2) s.Append("        finally { _n[1]++; }\n");
        }
        s.Append("        return Poll<int>.Ready(").Append(new string('(', depth)).Append("_n[2]").Append(string.Concat(Enumerable.Repeat(" + 1)", depth))).Append(");\n    }\n\n");
        // Nested lambdas that are themselves poll functions, each defining and calling the next.
        var lambdas = depth / 8;
        s.Append("    public PollFn<int> Nested()\n    {\n");
        for (var i = 0; i < lambdas; i++) s.Append($"        PollFn<int> f{i} = c{i} =>\n        {{\n");
        s.Append($"        _w = c{lambdas - 1}.Waker;\n        return Poll<int>.Pending;\n");
        for (var i = lambdas - 1; i >= 0; i--)
        {
            s.Append("        };\n");
            s.Append(i == 0 ? "        return f0;\n" : $"        return f{i}(c{i - 1});\n");
        }
        s.Append("    }\n}\n");
        return s.ToString();
    }

    /// <summary>One poll method of about <paramref name="lines"/> statements: branches, stores, returns and blocking calls.</summary>
    public static string HugePoll(int lines)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Huge;\n\npublic sealed class Huge : IFuture<long>\n{\n" +
            "    private readonly object _gate = new();\n    private long _sum;\n    private int _state;\n    private volatile bool _ready;\n    private Waker? _w;\n" +
            "    private readonly List<Waker> _waiters = new();\n    private readonly Task<int> _task = Task.FromResult(1);\n\n" +
            "    public void Set() { _ready = true; Waker? w; lock (_gate) { w = _w; _w = null; } w?.Wake(); }\n\n" +
            "    public Poll<long> Poll(Context cx)\n    {\n        var local = 0L;\n");
        for (var i = 0; i < lines; i++)
        {
            s.Append("        ").Append((i % 10) switch
            {
                0 => $"local += {i};",
                1 => $"if (_state == {i}) return Poll<long>.Ready(local);",
                2 => $"if (_ready && local > {i}) {{ _sum += local; }}",
                3 => $"if (_state == -{i}) {{ _w = cx.Waker; return Poll<long>.Pending; }}",
                4 => $"lock (_gate) {{ _sum += {i}; if (_sum < 0) _waiters.Add(cx.Waker); }}",
                5 => $"if (_state == {i + 1}) return Poll<long>.Pending;",
                6 => $"if (_task.IsCompleted) local += _task.Result;",
                7 => $"if (_state == {i + 2}) Thread.Sleep(0);",
                8 => $"switch (_state % 3) {{ case 0: local++; break; case 1: local--; break; default: _state++; break; }}",
                _ => $"if (_state == {i + 3}) {{ cx.Waker.Wake(); return Poll<long>.Pending; }}",
            }).Append('\n');
        }
        s.Append("        _w = cx.Waker;\n        return _ready ? Poll<long>.Ready(local) : Poll<long>.Pending;\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>
    /// One poll method of about <paramref name="lines"/> statements, all under one lock: stores, checks before and after
    /// them and a local tested again and again (the shapes where the type rules place every read around every store).
    /// </summary>
    public static string HugeLockedPoll(int lines)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Locked;\n\npublic sealed class Locked : IFuture<int>\n{\n" +
            "    private readonly object _gate = new();\n    private int _state;\n    private bool _ready;\n    private Waker? _w;\n" +
            "    private readonly List<Waker> _waiters = new();\n\n" +
            "    public void Set() { lock (_gate) { _ready = true; _state++; } _w?.Wake(); foreach (var w in _waiters) w.Wake(); }\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        var seen = 0;\n        lock (_gate)\n        {\n");
        for (var i = 0; i < lines; i++)
        {
            s.Append("            ").Append((i % 6) switch
            {
                0 => $"if (_state == {i}) return Poll<int>.Ready({i});",
                1 => "_w = cx.Waker;",
                2 => $"if (_ready && _state > {i}) return Poll<int>.Ready(_state);",
                3 => $"if (_state == -{i}) {{ _waiters.Add(cx.Waker); return Poll<int>.Pending; }}",
                4 => $"seen = _state + {i}; if (seen == {i}) return Poll<int>.Ready(seen);",
                _ => $"if (_state < -{i}) {{ _w = cx.Waker; if (_ready) return Poll<int>.Ready(0); return Poll<int>.Pending; }}",
            }).Append('\n');
        }
        s.Append("        }\n        return Poll<int>.Pending;\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>One poll method of about <paramref name="lines"/> statements inside a loop, so every read is also a later round's read.</summary>
    public static string HugeLoopPoll(int lines)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Loop;\n\npublic sealed class Looping : IFuture<int>\n{\n" +
            "    private readonly object _gate = new();\n    private int _state;\n    private volatile bool _ready;\n    private Waker? _w;\n\n" +
            "    public void Set() { _ready = true; _state++; _w?.Wake(); }\n\n" +
            "    public Poll<int> Poll(Context cx)\n    {\n        var round = 0;\n        while (round < 3)\n        {\n            round++;\n");
        for (var i = 0; i < lines; i++)
        {
            s.Append("            ").Append((i % 5) switch
            {
                0 => $"if (_state == {i}) return Poll<int>.Ready({i});",
                1 => $"if (_state == -{i}) {{ _w = cx.Waker; continue; }}",
                2 => $"lock (_gate) {{ _w = cx.Waker; if (_ready) return Poll<int>.Ready({i}); }}",
                3 => $"if (round == {i}) break;",
                _ => $"if (_ready && round > {i}) {{ _w = cx.Waker; return Poll<int>.Pending; }}",
            }).Append('\n');
        }
        s.Append("        }\n        _w = cx.Waker;\n        return _ready ? Poll<int>.Ready(-1) : Poll<int>.Pending;\n    }\n}\n");
        return s.ToString();
    }

    /// <summary>A state machine with a switch statement of <paramref name="cases"/> cases and a switch expression of as many arms.</summary>
    public static string WideSwitch(int cases)
    {
        var s = new StringBuilder(Usings + "namespace Stress.Wide;\n\npublic sealed class Machine : IFuture<int>\n{\n" +
            "    private int _state;\n    private Waker? _w;\n    private readonly IFuture<int> _inner;\n\n" +
            "    public Machine(IFuture<int> inner) => _inner = inner;\n\n    public Poll<int> Poll(Context cx)\n    {\n        switch (_state)\n        {\n");
        for (var i = 0; i < cases; i++)
        {
            s.Append($"            case {i}:\n").Append((i % 5) switch
            {
                0 => $"                _state = {i + 1};\n                _w = cx.Waker;\n                return Poll<int>.Pending;\n",
                1 => $"                if (_inner.Poll(cx) is {{ IsReady: true }} r{i}) return Poll<int>.Ready(r{i}.Value);\n                return Poll<int>.Pending;\n",
                // The last case has no next case to jump to.
                2 when i + 1 < cases => $"                _state = {i + 1};\n                goto case {i + 1};\n",
                2 or 3 => "                return Poll<int>.Pending;\n",
                _ => $"                return Poll<int>.Ready({i});\n",
            });
        }
        s.Append("            default:\n                throw new InvalidOperationException();\n        }\n    }\n\n");
        s.Append("    public Poll<int> PollByExpression(Context cx) => _state switch\n    {\n");
        for (var i = 0; i < cases; i++)
        {
            s.Append($"        {i} => ").Append((i % 3) switch
            {
                0 => "Poll<int>.Pending,\n",
                1 => "_inner.Poll(cx),\n",
                _ => $"Poll<int>.Ready({i}),\n",
            });
        }
        s.Append("        _ => Poll<int>.Pending,\n    };\n}\n");
        return s.ToString();
    }

    /// <summary>Poll helpers that call each other and themselves (directly, mutually, through local functions).</summary>
    public static string RecursiveHelpers() => Usings + """
        namespace Stress.Recursive;

        public sealed class Ping : IFuture<int>
        {
            private int _n;
            private Waker? _w;

            public Poll<int> Poll(Context cx) => PollA(cx, 10);

            private Poll<int> PollA(Context cx, int depth) => depth == 0 ? Register(cx, 3) : PollB(cx, depth - 1);

            private Poll<int> PollB(Context cx, int depth)
            {
                if (_n > depth) return Poll<int>.Ready(_n);
                return PollA(cx, depth);
            }

            private Poll<int> Register(Context cx, int times)
            {
                if (times > 0) return Register(cx, times - 1);
                Store(cx.Waker, 5);
                return Poll<int>.Pending;
            }

            private void Store(Waker w, int n)
            {
                if (n == 0) { _w = w; return; }
                Store(w, n - 1);
                Forward(w, n);
            }

            private void Forward(Waker w, int n) { if (n % 2 == 0) Store(w, n / 2); }

            public Poll<int> PollLocal(Context cx)
            {
                return Loop(cx, 3);

                Poll<int> Loop(Context c, int k)
                {
                    if (k == 0) { c.Waker.Wake(); return Poll<int>.Pending; }
                    return Loop(c, k - 1);
                }
            }

            public void Wake() { var w = Interlocked.Exchange(ref _w, null); _n++; w?.Wake(); }
        }
        """;

    /// <summary>A generic future split over partial declarations, with nested and constrained generics.</summary>
    public static string[] PartialGenericTypes() => new[]
    {
        Usings + """
            namespace Stress.Partial;

            public sealed partial class Slot<T> : IFuture<T> where T : notnull
            {
                private readonly object _gate = new();
                private T? _value;
                private bool _has;

                public Poll<T> Poll(Context cx)
                {
                    lock (_gate)
                    {
                        if (_has) return Poll<T>.Ready(_value!);
                        Remember(cx);
                        return Poll<T>.Pending;
                    }
                }

                partial void Remember(Context cx);

                public sealed class Mapped<TOut> : IFuture<TOut>
                {
                    private readonly IFuture<T> _inner;
                    private readonly Func<T, TOut> _map;
                    public Mapped(IFuture<T> inner, Func<T, TOut> map) { _inner = inner; _map = map; }
                    public Poll<TOut> Poll(Context cx) => _inner.Poll(cx) is { IsReady: true } r ? Poll<TOut>.Ready(_map(r.Value)) : Poll<TOut>.Pending;
                }
            }
            """,
        Usings + """
            namespace Stress.Partial;

            public sealed partial class Slot<T>
            {
                private Waker? _w;

                partial void Remember(Context cx)
                {
                    if (_w is null || !_w.WillWake(cx.Waker)) _w = cx.Waker;
                }

                public void Set(T value)
                {
                    Waker? w;
                    lock (_gate) { _value = value; _has = true; w = _w; _w = null; }
                    w?.Wake();
                }

                public static Poll<TResult> PollAny<TResult, TFuture>(TFuture future, Context cx) where TFuture : IFuture<TResult> => future.Poll(cx);
            }

            public interface IPollSource<TSelf> where TSelf : IPollSource<TSelf>
            {
                static abstract Poll<int> PollStatic(Context cx);
            }
            """,
    };

    /// <summary>Poll methods whose paths depend on preprocessor symbols, regions, and disabled text that does not parse.</summary>
    public static string ConditionalRegions() => "#define FAST\n" + Usings + """
        namespace Stress.Conditional;

        public sealed class Toggled : IFuture<int>
        {
            private Waker? _w;
            private int _n;

            #region Poll
            public Poll<int> Poll(Context cx)
            {
        #if FAST
                if (_n > 0) return Poll<int>.Ready(_n);
        #elif SLOW
                this is not ( valid code at all {{{
        #else
                Thread.Sleep(1);
        #endif
        #if DEBUG
                return Poll<int>.Pending;
        #endif
                _w = cx.Waker;
                return Poll<int>.Pending;
            }
            #endregion

        #pragma warning disable CS0162
            public Poll<int> PollDead(Context cx)
            {
                return Poll<int>.Ready(1);
                _w = cx.Waker;
                return Poll<int>.Pending;
            }
        #pragma warning restore CS0162

        #nullable disable
            public Poll<string> PollOblivious(Context cx) { _w = cx.Waker; return Poll<string>.Pending; }
        #nullable restore
        }
        """;

    /// <summary>Unsafe poll methods: pointers, fixed, stackalloc, function pointers over Context.</summary>
    public static string UnsafeCode() => Usings + """
        namespace Stress.Unsafe;

        public sealed unsafe class Raw : IFuture<int>
        {
            private readonly int[] _data = new int[4];
            private Waker? _w;
            private delegate*<Context, Poll<int>> _next = &Never;

            public Poll<int> Poll(Context cx)
            {
                Span<int> scratch = stackalloc int[4];
                fixed (int* p = _data)
                {
                    scratch[0] = *p;
                    if (p[1] > 0) return Poll<int>.Ready(p[1] + scratch[0]);
                }
                int* q = stackalloc int[2];
                q[0] = _data[2];
                if (q[0] > 0) return _next(cx);
                _w = cx.Waker;
                return Poll<int>.Pending;
            }

            private static Poll<int> Never(Context cx) => Poll<int>.Pending;
        }
        """;

    /// <summary>A program of top-level statements with local poll functions and poll lambdas.</summary>
    public static string TopLevelStatements() => Usings + """
        var flag = false;
        Waker? stored = null;

        Poll<int> PollLocal(Context cx)
        {
            if (flag) return Poll<int>.Ready(1);
            stored = cx.Waker;
            return Poll<int>.Pending;
        }

        PollFn<int> lambda = cx => flag ? Poll<int>.Ready(2) : Poll<int>.Pending;
        PollFn<int> blocking = cx => { Thread.Sleep(1); return Poll<int>.Ready(3); };
        var noop = new Context(Waker.Noop);
        Console.WriteLine(PollLocal(noop).IsReady);
        Console.WriteLine(lambda(noop).IsPending);
        Console.WriteLine(blocking(noop).Value);
        flag = true;
        stored?.Wake();
        """;

    /// <summary>Odd but legal shapes: locks on System.Threading.Lock, Monitor pairs, goto loops, throw-only and endless polls, async neighbours.</summary>
    public static string OddShapes() => Usings + """
        namespace Stress.Odd;

        public sealed class Odd : IFuture<int>, IStream<int>
        {
            private readonly Lock _lock = new();
            private readonly object _monitor = new();
            private Waker? _w;
            private int _n;

            public Poll<int> Poll(Context cx)
            {
                using (_lock.EnterScope()) { if (_n > 3) return Poll<int>.Ready(_n); }
                lock (_lock) { _w = cx.Waker; }
                var taken = false;
                try
                {
                    Monitor.Enter(_monitor, ref taken);
                    if (_n == 2) goto done;
                }
                finally
                {
                    if (taken) Monitor.Exit(_monitor);
                }
                again:
                if (_n++ < 1) goto again;
                return Poll<int>.Pending;
                done:
                return Poll<int>.Ready(-1);
            }

            public Poll<(bool HasItem, int Item)> PollNext(Context cx)
            {
                while (true)
                {
                    if (_n > 10) return Poll<(bool, int)>.Ready((false, 0));
                    if (_n++ % 2 == 0) continue;
                    _w = cx.Waker;
                    return Poll<(bool, int)>.Pending;
                }
            }

            public Poll<int> PollThrows(Context cx) => throw new NotSupportedException();

            public Poll<int> PollForever(Context cx) { while (true) { } }

            public async Task<int> NotAPoll() { await Task.Yield(); return _n; }

            public IEnumerable<int> Items() { yield return _n; }

            public record Message(int Id, string Text);

            public ref struct Borrow { public Context Cx; }
        }
        """;
}
