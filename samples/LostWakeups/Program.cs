using System;
using System.Threading;
using LostWakeups;
using Wakers;

// Runs the correct futures of this sample; their buggy twins (see the BUG comments and the build's
// warnings) are not run: each of them can leave its task asleep forever.
var mailbox = new Mailbox();
var receive = mailbox.Receive();
new Thread(() => { Thread.Sleep(20); mailbox.Post("hello"); }).Start();
Console.WriteLine($"mailbox: {Executor.BlockOn(receive)}");

var flag = new Flag();
new Thread(() => { Thread.Sleep(20); flag.Set(); }).Start();
Executor.BlockOn(flag);
Console.WriteLine("flag: set");

Executor.BlockOn(new Throttle(TimeSpan.FromMilliseconds(20)));
Console.WriteLine("throttle: passed");

var never = new Flag();
var answer = Executor.BlockOn(new WithDeadline<string>(new PendingForever(never), new Delay(TimeSpan.FromMilliseconds(20)), "deadline"));
Console.WriteLine($"deadline: {answer}");

// Waits on a flag nobody sets, to show the deadline winning; registers its waker like any correct future.
sealed class PendingForever : IFuture<string>
{
    private readonly Flag _flag;
    public PendingForever(Flag flag) => _flag = flag;
    public Poll<string> Poll(Context cx) => _flag.Poll(cx).IsReady ? Poll<string>.Ready("set") : Poll<string>.Pending;
}
