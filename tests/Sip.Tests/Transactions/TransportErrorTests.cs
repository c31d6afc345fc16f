using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1.4 and §17.2.4, with RFC 6026 §7.1 for INVITE server transactions: transport errors.</summary>
public class TransportErrorTests
{
    [Theory]
    [InlineData("INVITE")]
    [InlineData("OPTIONS")]
    public void Client_request_that_cannot_be_sent_is_reported_and_terminates_the_transaction(string method)
    {
        using var h = new TransactionHarness();
        h.Transport.FailWhen = _ => "connection refused";

        var tx = h.StartClient(TestMessages.Request(method));

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["transport-error connection refused", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
        h.AdvanceMs(40_000);
        Assert.Single(h.Sent);
    }

    [Theory]
    [InlineData("INVITE")]
    [InlineData("OPTIONS")]
    public void Client_retransmission_that_fails_is_reported_and_terminates_the_transaction(string method)
    {
        using var h = new TransactionHarness();
        var tx = h.StartClient(TestMessages.Request(method));
        h.Transport.FailWhen = s => s.At.TotalMilliseconds >= 1_000 ? "ICMP unreachable" : null;

        h.AdvanceMs(2_000);

        Assert.Equal([0, 500, 1500], h.SendTimes(method));
        Assert.Equal(["transport-error ICMP unreachable", "terminated"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_invite_ack_that_cannot_be_sent_is_reported_and_terminates_the_transaction()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.Transport.FailWhen = s => s.Label == "ACK" ? "no route" : null;

        h.Receive(TestMessages.Response(invite, 503));

        Assert.Equal(["response 503", "transport-error no route", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Client_transport_that_throws_counts_as_a_transport_error()
    {
        using var h = new TransactionHarness();
        h.Transport.ThrowWhen = _ => new System.Net.Sockets.SocketException(10051);

        var tx = h.StartClient(TestMessages.Request("OPTIONS"));

        var events = h.User.LabelsFor(tx);
        Assert.StartsWith("transport-error ", events[0], StringComparison.Ordinal);
        Assert.Equal("terminated", events[1]);
    }

    [Fact]
    public async Task Client_send_that_fails_later_is_reported_when_the_transport_completes()
    {
        using var h = new TransactionHarness();
        h.Transport.HoldWhen = _ => true;
        var tx = h.StartClient(TestMessages.Request("OPTIONS", transport: "TCP"), SipTransportKind.Tcp);
        Assert.Empty(h.User.Events);
        Assert.Equal(TransactionState.Trying, tx.State);

        h.Transport.ReleaseHeld(SendResult.Failed("connect timed out"));
        await WaitFor(() => h.User.LabelsFor(tx).Count == 2);

        Assert.Equal(["transport-error connect timed out", "terminated"], h.User.LabelsFor(tx));
    }

    [Fact]
    public async Task Effects_queued_behind_a_pending_send_run_in_order_once_it_completes()
    {
        using var h = new TransactionHarness();
        var request = TestMessages.Request("OPTIONS", transport: "TCP");
        h.Transport.HoldWhen = _ => true;
        var tx = h.StartClient(request, SipTransportKind.Tcp);

        h.Receive(TestMessages.Response(request, 200), SipTransportKind.Tcp); // the TU must not hear of it before the send ends
        Assert.Empty(h.User.Events);
        h.Transport.ReleaseHeld(SendResult.Ok);
        await WaitFor(() => h.User.LabelsFor(tx).Count == 2);

        Assert.Equal(["response 200", "terminated"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Server_non_invite_response_that_cannot_be_sent_is_reported_and_terminates_the_transaction()
    {
        using var h = new TransactionHarness();
        var request = TestMessages.Request("OPTIONS");
        var tx = h.ReceiveNew(request);
        h.Transport.FailWhen = _ => "no route";

        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["request OPTIONS", "transport-error no route", "terminated"], h.User.Labels);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Server_non_invite_provisional_that_cannot_be_sent_terminates_the_transaction()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Request("OPTIONS"));
        h.Transport.FailWhen = _ => "no route";

        tx.SendResponse(tx.CreateResponse(100));

        Assert.Equal(["request OPTIONS", "transport-error no route", "terminated"], h.User.Labels);
    }

    [Fact]
    public void Server_non_invite_final_over_tcp_that_fails_is_reported_although_timer_J_is_zero()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Request("OPTIONS", transport: "TCP"), SipTransportKind.Tcp);
        h.Transport.FailWhen = _ => "connection closed";

        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        Assert.Equal(["request OPTIONS", "transport-error connection closed", "terminated"], h.User.Labels);
    }

    [Fact]
    public void Server_non_invite_resent_final_that_fails_terminates_the_transaction()
    {
        using var h = new TransactionHarness();
        var request = TestMessages.Request("OPTIONS");
        var tx = h.ReceiveNew(request);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));
        h.Transport.FailWhen = _ => "no route";

        h.Receive(request);

        Assert.Equal(["request OPTIONS", "transport-error no route", "terminated"], h.User.Labels);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Server_invite_provisional_that_cannot_be_sent_is_reported_but_the_transaction_stays_to_absorb_retransmissions()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.ReceiveNew(invite);
        h.Transport.FailWhen = _ => "no route";

        tx.SendResponse(tx.CreateResponse(180).WithToTag("t1"));
        h.Receive(invite);

        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal(["request INVITE", "transport-error no route", "transport-error no route"], h.User.Labels); // the resent 180 failed too
        Assert.Equal(1, h.Layer.Count);
    }

    [Fact]
    public void Server_invite_failing_final_retransmissions_are_reported_and_timer_H_still_ends_the_transaction()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));
        h.Transport.FailWhen = _ => "no route";

        h.AdvanceMs(600);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.AdvanceMs(31_400);

        Assert.Equal(TransactionState.Terminated, tx.State);
        var labels = h.User.Labels;
        Assert.Equal(10, labels.Count(l => l == "transport-error no route"));
        Assert.Equal(["timeout", "terminated"], labels.TakeLast(2));
    }

    [Fact]
    public void Server_invite_2xx_that_cannot_be_sent_is_reported_and_timer_L_ends_the_transaction()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        h.Transport.FailWhen = _ => "no route";

        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));
        Assert.Equal(TransactionState.Accepted, tx.State);
        h.AdvanceMs(32_000);

        Assert.Equal(["request INVITE", "transport-error no route", "terminated"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_automatic_100_that_cannot_be_sent_is_reported()
    {
        using var h = new TransactionHarness();
        h.Transport.FailWhen = _ => "no route";
        var tx = h.ReceiveNew(TestMessages.Invite());

        h.AdvanceMs(200);

        Assert.Equal(["request INVITE", "transport-error no route"], h.User.Labels);
        Assert.Equal(TransactionState.Proceeding, tx.State);
    }

    private static async Task WaitFor(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "timed out waiting for the transaction to catch up");
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }
    }
}
