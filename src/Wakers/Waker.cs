using System;

namespace Wakers;

/// <summary>
/// Wakes a task: <see cref="Wake"/> schedules another poll of the task that handed it out. A reference type, so
/// keeping a reference is Rust's <c>Waker::clone</c>. Subclass it, or make one with <see cref="Create(Action)"/>.
/// </summary>
public abstract class Waker
{
    /// <summary>For subclasses: <see cref="Wake"/> is the only member to implement.</summary>
    protected Waker()
    {
    }

    /// <summary>Schedules a poll of the task. Never polls inline; safe to call from any thread, any number of times.</summary>
    /// <remarks>
    /// An implementation should not throw. If it does, the exception reaches whoever called <see cref="Wake"/> directly
    /// (a poll waking its own <c>cx.Waker</c>, code calling <see cref="AtomicWaker.Wake"/>); when the runtime wakes it for
    /// someone else (a task's completion, a timer, a channel, a token), the operation still completes for everyone and
    /// the exception goes to <see cref="Executor.UnhandledException"/>.
    /// </remarks>
    public abstract void Wake();

    /// <summary>
    /// Whether waking <paramref name="other"/> would wake the same task as waking this waker. Used to skip
    /// replacing a stored waker on every poll: <c>if (w is null || !w.WillWake(cx.Waker)) w = cx.Waker;</c>.
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is null.</exception>
    public virtual bool WillWake(Waker other)
    {
        if (other is null) throw new ArgumentNullException(nameof(other));
        return ReferenceEquals(this, other);
    }

    /// <summary>A waker that does nothing: for polling a future once, outside any task.</summary>
    public static Waker Noop { get; } = new NoopWaker();

    /// <summary>A waker that calls <paramref name="wake"/>.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="wake"/> is null.</exception>
    public static Waker Create(Action wake) => new ActionWaker(wake ?? throw new ArgumentNullException(nameof(wake)));

    /// <summary>A waker that calls <see cref="IWake.Wake"/> on <paramref name="target"/>; two such wakers of one target will wake each other's task.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public static Waker Create(IWake target) => new WakeTargetWaker(target ?? throw new ArgumentNullException(nameof(target)));

    private sealed class NoopWaker : Waker
    {
        public override void Wake()
        {
        }
    }

    private sealed class ActionWaker : Waker
    {
        private readonly Action _wake;
        public ActionWaker(Action wake) => _wake = wake;
        public override void Wake() => _wake();
        public override bool WillWake(Waker other) =>
            base.WillWake(other) || (other is ActionWaker a && a._wake == _wake);
    }

    private sealed class WakeTargetWaker : Waker
    {
        private readonly IWake _target;
        public WakeTargetWaker(IWake target) => _target = target;
        public override void Wake() => _target.Wake();
        public override bool WillWake(Waker other) =>
            base.WillWake(other) || (other is WakeTargetWaker w && ReferenceEquals(w._target, _target));
    }
}

/// <summary>Something that can be woken: Rust's <c>Wake</c> trait. Wrap it with <see cref="Waker.Create(IWake)"/>.</summary>
public interface IWake
{
    /// <summary>Schedules another poll of the task this object stands for.</summary>
    void Wake();
}
