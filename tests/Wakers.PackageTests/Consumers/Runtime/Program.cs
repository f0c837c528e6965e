using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Wakers;

// Uses the packed runtime the way a user's program does; exit code 0 means every check held.
var failures = new List<string>();
void Check(bool ok, string what)
{
    Console.WriteLine((ok ? "ok   " : "FAIL ") + what);
    if (!ok) failures.Add(what);
}

Check(Executor.BlockOn(new YieldOnce<int>(42)) == 42, "BlockOn returns the value after a Pending");

var handles = new List<JoinHandle<int>>();
for (var i = 0; i < 8; i++) handles.Add(Executor.Spawn<int>(new YieldOnce<int>(i)));
var joined = 0;
for (var i = 0; i < handles.Count; i++) joined += Executor.BlockOn(handles[i]) == i ? 1 : 0;
Check(joined == 8, "Spawn runs 8 futures and each JoinHandle yields its own value");

// 10,000 sleeps at once: one shared timer, so the process needs no thread per sleep.
const int Sleepers = 10_000;
var sleeping = new List<JoinHandle<int>>(Sleepers);
var peakThreads = 0;
for (var i = 0; i < Sleepers; i++)
{
    sleeping.Add(Executor.Spawn<int>(new SleepThen<int>(TimeSpan.FromMilliseconds(50 + i % 100), i)));
    if (i % 1000 == 0) peakThreads = Math.Max(peakThreads, Process.GetCurrentProcess().Threads.Count);
}
long sum = 0;
for (var i = 0; i < Sleepers; i++)
{
    sum += Executor.BlockOn(sleeping[i]);
    if (i % 1000 == 0) peakThreads = Math.Max(peakThreads, Process.GetCurrentProcess().Threads.Count);
}
Check(sum == (long)Sleepers * (Sleepers - 1) / 2, $"{Sleepers} concurrent sleeps all complete with their values");
Check(peakThreads < 200, $"the sleeps ran on a handful of threads (peak {peakThreads} threads in the process)");

Check(Executor.BlockOn(Future.Sleep(TimeSpan.FromMilliseconds(10))).Equals(Unit.Value), "BlockOn(Future.Sleep) completes");

var asTask = new SleepThen<string>(TimeSpan.FromMilliseconds(5), "task").AsTask();
Check(asTask.GetAwaiter().GetResult() == "task", "AsTask completes the Task with the future's value");

var fromTask = Task.Run(async () => { await Task.Delay(5).ConfigureAwait(false); return 9; }).AsFuture();
Check(Executor.BlockOn(fromTask) == 9, "AsFuture completes with the Task's value");

Check(Executor.BlockOn(new YieldOnce<int>(3).AsTask().AsFuture()) == 3, "a future round-trips through Task and back");

Console.WriteLine(failures.Count == 0 ? "all checks passed" : $"{failures.Count} checks failed");
return failures.Count == 0 ? 0 : 1;

// Pending once (after waking its own task, a yield), then Ready.
sealed class YieldOnce<T> : IFuture<T>
{
    private readonly T _value;
    private bool _yielded;

    public YieldOnce(T value) => _value = value;

    public Poll<T> Poll(Context cx)
    {
        if (_yielded) return Poll<T>.Ready(_value);
        _yielded = true;
        cx.Waker.Wake();
        return Poll<T>.Pending;
    }
}

// Sleeps, then yields a value: polls the runtime's shared timer with this task's own context.
sealed class SleepThen<T> : IFuture<T>
{
    private readonly IFuture<Unit> _sleep;
    private readonly T _value;

    public SleepThen(TimeSpan duration, T value)
    {
        _sleep = Future.Sleep(duration);
        _value = value;
    }

    public Poll<T> Poll(Context cx) => _sleep.Poll(cx).IsReady ? Poll<T>.Ready(_value) : Poll<T>.Pending;
}
