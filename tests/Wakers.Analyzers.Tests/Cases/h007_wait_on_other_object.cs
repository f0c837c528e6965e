using System.Threading;
using System.Threading.Tasks;
using Wakers;

namespace Heldout.WaitOnOtherObject;

public sealed class Connection
{
    public Task Ready { get; } = Task.CompletedTask;
    public readonly CountdownEvent Handshakes = new(1);
}

// Waits on another object's task and countdown from inside a PollFn lambda.
public static class Connect
{
    public static PollFn<bool> Open(Connection conn) => cx =>
    {
        conn.Ready.Wait(); // expect: WAKE007
        conn.Handshakes.Wait(); // expect: WAKE007
        return Poll<bool>.Ready(true);
    };
}
