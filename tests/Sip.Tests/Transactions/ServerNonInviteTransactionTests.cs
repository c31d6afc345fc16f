using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.2: the non-INVITE server transaction.</summary>
public class ServerNonInviteTransactionTests
{
    private static Cinema.Sip.Messages.SipRequest Register(string transport = "UDP") => TestMessages.Request("REGISTER", transport: transport);

    [Fact]
    public void Server_non_invite_is_passed_to_the_TU_in_trying_with_no_automatic_100()
    {
        using var h = new TransactionHarness();

        var tx = h.ReceiveNew(Register());
        h.AdvanceMs(5_000);

        Assert.IsType<ServerNonInviteTransaction>(tx);
        Assert.Equal(TransactionState.Trying, tx.State);
        Assert.Equal(["request REGISTER"], h.User.Labels);
        Assert.Empty(h.Sent);
    }

    [Fact]
    public void Server_non_invite_retransmission_in_trying_is_discarded()
    {
        using var h = new TransactionHarness();
        var request = Register();
        h.ReceiveNew(request);

        h.Receive(request);
        h.Receive(request);

        Assert.Empty(h.Sent);
        Assert.Equal(["request REGISTER"], h.User.Labels);
    }

    [Fact]
    public void Server_non_invite_provisional_moves_to_proceeding_where_retransmissions_get_it_again()
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.ReceiveNew(request);

        Assert.True(tx.SendResponse(tx.CreateResponse(100)));
        h.Receive(request);
        h.Receive(request);

        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal(["100", "100", "100"], h.SentLabels);
        Assert.Equal(["request REGISTER"], h.User.Labels);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(401)]
    [InlineData(503)]
    public void Server_non_invite_final_moves_to_completed_where_retransmissions_get_the_final_again(int status)
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.ReceiveNew(request);
        tx.SendResponse(tx.CreateResponse(100));

        Assert.True(tx.SendResponse(tx.CreateResponse(status).WithToTag("t1")));
        h.Receive(request);

        var label = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(["100", label, label], h.SentLabels);
        Assert.Equal(h.Sent[1].Message.Buffer.ToArray(), h.Sent[2].Message.Buffer.ToArray());
    }

    [Fact]
    public void Server_non_invite_final_is_not_retransmitted_by_timer()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Register());

        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));
        h.AdvanceMs(31_000);

        Assert.Equal(["200"], h.SentLabels);
    }

    [Fact]
    public void Server_non_invite_completed_terminates_on_timer_J_at_64_T1()
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.ReceiveNew(request);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        h.AdvanceMs(31_999);
        h.Receive(request);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["request REGISTER", "terminated"], h.User.Labels);
        Assert.Equal(0, h.Layer.Count);
        Assert.Equal(["200", "200"], h.SentLabels);
    }

    [Fact]
    public void Server_non_invite_after_timer_J_a_retransmission_is_a_new_request()
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.ReceiveNew(request);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));
        h.AdvanceMs(32_000);

        var again = h.ReceiveNew(request);

        Assert.NotSame(tx, again);
        Assert.Equal(TransactionState.Trying, again.State);
    }

    [Theory]
    [InlineData(SipTransportKind.Tcp)]
    [InlineData(SipTransportKind.Tls)]
    public void Server_non_invite_over_a_reliable_transport_terminates_on_the_final_timer_J_zero(SipTransportKind transport)
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Register(transport.ViaName()), transport);

        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["200"], h.SentLabels);
        Assert.Equal(["request REGISTER", "terminated"], h.User.Labels);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Server_non_invite_refuses_responses_after_the_final()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Register());
        // Made before the final: over UDP the transaction lets go of its request once the final is sent.
        var (trying, error, again) = (tx.CreateResponse(100), tx.CreateResponse(500).WithToTag("t1"), tx.CreateResponse(200).WithToTag("t1"));
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        Assert.False(tx.SendResponse(trying));
        Assert.False(tx.SendResponse(error));
        h.AdvanceMs(32_000);
        Assert.False(tx.SendResponse(again));

        Assert.Equal(["200"], h.SentLabels);
    }

    [Fact]
    public void Server_non_invite_TU_may_answer_from_inside_on_request()
    {
        using var h = new TransactionHarness();
        h.User.WhenRequest = tx => Assert.True(tx.SendResponse(tx.CreateResponse(200).WithToTag("t1")));

        var tx = h.ReceiveNew(Register());

        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(["200"], h.SentLabels);
    }
}
