using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>The same machines on <see cref="TimeProvider.System"/>, with a tiny T1: timers fire on pool threads.</summary>
public class SystemClockTests
{
    private static readonly TransactionOptions Fast = new()
    {
        T1 = TimeSpan.FromMilliseconds(5),
        T2 = TimeSpan.FromMilliseconds(20),
        T4 = TimeSpan.FromMilliseconds(20),
        TimerDUnreliable = TimeSpan.FromMilliseconds(50),
    };

    [Fact]
    public async Task Client_non_invite_retransmits_and_times_out_on_real_timers()
    {
        var transport = new LoopTransport(TimeProvider.System);
        using var layer = new TransactionLayer(transport, new RecordingUser(), Fast);
        var completion = new ClientTransactionCompletion();

        layer.StartClientTransaction(TransactionHarness.Peer, TestMessages.Request("OPTIONS"), completion);

        Assert.True((await completion.Final.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).TimedOut);
        await completion.Terminated.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        // 64*T1 = 320 ms at intervals 5, 10, 20, 20, ...: around 18 sends; timer slack on a busy machine means fewer.
        Assert.InRange(transport.Sent.Count, 3, 18);
        Assert.Equal(0, layer.Count);
    }

    [Fact]
    public async Task Server_invite_retransmits_its_final_until_the_ack_and_leaves_the_table_on_real_timers()
    {
        var transport = new LoopTransport(TimeProvider.System);
        var user = new RecordingUser();
        // T1 of 20 ms: Timer G retransmits within tens of milliseconds, Timer H leaves over a second to ACK.
        using var layer = new TransactionLayer(transport, user, Fast with { T1 = TimeSpan.FromMilliseconds(20), T2 = TimeSpan.FromMilliseconds(80) });
        user.WhenRequest = tx => tx.SendResponse(tx.CreateResponse(486).WithToTag("t"));
        layer.Receive(new Cinema.Sip.Transport.InboundMessage(TestMessages.Invite(), TransactionHarness.Peer, TransactionHarness.Peer, 0));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (transport.Sent.Count < 2 && DateTime.UtcNow < deadline) await Task.Delay(5, TestContext.Current.CancellationToken);
        layer.Receive(new Cinema.Sip.Transport.InboundMessage(TestMessages.Request("ACK", toTag: "t"), TransactionHarness.Peer, TransactionHarness.Peer, 0));
        // The transaction leaves the table, then tells its user on a timer thread: wait for both.
        while ((layer.Count > 0 || !user.Labels.Contains("terminated")) && DateTime.UtcNow < deadline) await Task.Delay(10, TestContext.Current.CancellationToken);

        Assert.Equal(0, layer.Count);
        Assert.True(transport.Sent.Count >= 2, "Timer G should have retransmitted the 486 before the ACK");
        Assert.Equal(["request INVITE", "terminated"], user.Labels);
    }
}
