using System.Threading.Tasks;
using Wakers.Analyzers.Rules;
using Wakers.Analyzers.Tests.Verifier;
using Xunit;

namespace Wakers.Analyzers.Tests.WAKE002;

/// <summary>Stores refreshed on every poll (or whenever the stored waker would wake another task): no WAKE002.</summary>
public class ValidTests
{
    [Fact]
    public Task WillWakeRefreshAndNodeUpdate() => Verify.Valid<StaleWakerAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Reply : IFuture<string>
        {
            private readonly object _gate = new();
            private readonly LinkedList<Waker> _list = new();
            private LinkedListNode<Waker>? _node;
            private string? _text;
            private Waker? _waiter;

            public Poll<string> Poll(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    if (_waiter is null || !_waiter.WillWake(cx.Waker))
                        _waiter = cx.Waker;
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollNode(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    if (_node is null) _node = _list.AddLast(cx.Waker);
                    else _node.Value = cx.Waker;
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollElse(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    if (_waiter == null) _waiter = cx.Waker;
                    else if (!_waiter.WillWake(cx.Waker)) _waiter = cx.Waker;
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollAlways(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    _waiter = cx.Waker;
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollContains(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    if (!_list.Contains(cx.Waker)) _list.AddLast(cx.Waker);
                    return Poll<string>.Pending;
                }
            }
        }
        """);

    [Fact]
    public Task FlagsThatDoNotStrandALaterPoll() => Verify.Valid<StaleWakerAnalyzer>("""
        using Wakers;

        public sealed class YieldNow : IFuture<Unit>
        {
            private bool _yielded;
            private Waker? _waker;

            public Poll<Unit> Poll(Context cx)
            {
                if (_yielded) return Poll<Unit>.Ready(Unit.Value);
                _yielded = true;
                cx.Waker.Wake();
                return Poll<Unit>.Pending;
            }

            public Poll<Unit> PollOnceThenReady(Context cx)
            {
                if (_yielded) return Poll<Unit>.Ready(Unit.Value);
                _waker = cx.Waker;
                _yielded = true;
                return Poll<Unit>.Pending;
            }
        }

        public sealed class AtomicEveryPoll : IFuture<Unit>
        {
            private readonly AtomicWaker _waker = new();
            private volatile bool _ready;

            public Poll<Unit> Poll(Context cx)
            {
                _waker.Register(cx.Waker);
                return _ready ? Poll<Unit>.Ready(Unit.Value) : Poll<Unit>.Pending;
            }
        }
        """);

    [Fact]
    public Task WakerFromConstructorReplacedByThePoll() => Verify.Valid<StaleWakerAnalyzer>("""
        using Wakers;

        public sealed class Timer : IFuture<Unit>
        {
            private Waker _waker;
            private volatile bool _elapsed;

            public Timer(Waker initial) { _waker = initial; }

            public Poll<Unit> Poll(Context cx)
            {
                if (_elapsed) return Poll<Unit>.Ready(Unit.Value);
                _waker = cx.Waker;
                return Poll<Unit>.Pending;
            }
        }

        public sealed class ChildWaker : Waker
        {
            private readonly Waker _parent;
            public ChildWaker(Waker parent) { _parent = parent; }
            public override void Wake() => _parent.Wake();
        }
        """);

    [Fact]
    public Task HelpersThatRefresh() => Verify.Valid<StaleWakerAnalyzer>("""
        using System.Collections.Generic;
        using Wakers;

        public sealed class Reply
        {
            private readonly object _gate = new();
            private readonly List<Waker> _list = new();
            private string? _text;
            private Waker? _waiter;

            public void Complete(string text) { lock (_gate) _text = text; }

            public Poll<string> PollA(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    Enlist(cx.Waker);
                    return Poll<string>.Pending;
                }
            }

            public Poll<string> PollB(Context cx)
            {
                lock (_gate)
                {
                    if (_text is { } t) return Poll<string>.Ready(t);
                    Refresh(cx.Waker);
                    return Poll<string>.Pending;
                }
            }

            private void Enlist(Waker w) { if (!_list.Contains(w)) _list.Add(w); }
            private void Refresh(Waker w) { if (_waiter is null || !_waiter.WillWake(w)) _waiter = w; }
        }
        """);
}
