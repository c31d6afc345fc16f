using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.3 (first half) and §9.2: requests with an RFC 3261 branch.</summary>
public class RequestMatchingTests
{
    [Fact]
    public void Request_with_the_same_branch_sent_by_and_method_is_a_retransmission()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(TestMessages.Request("OPTIONS"));

        // Different bytes elsewhere (another Call-ID even) do not matter to §17.2.3 matching.
        h.Receive(TestMessages.Request("OPTIONS", callId: "other@example.com"));

        Assert.Single(h.User.Of("request"));
        Assert.Equal(1, h.Layer.Count);
    }

    [Fact]
    public void Branch_and_sent_by_host_compare_case_insensitively()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(TestMessages.Request("OPTIONS", branch: "z9hG4bKAbCd", sentBy: "PC33.example.com"));

        h.Receive(TestMessages.Request("OPTIONS", branch: "z9hG4bKaBcD", sentBy: "pc33.EXAMPLE.com"));

        Assert.Single(h.User.Of("request"));
    }

    [Theory]
    [InlineData("z9hG4bKother", "pc33.example.com")]
    [InlineData("z9hG4bK776asdhds", "pc34.example.com")]
    [InlineData("z9hG4bK776asdhds", "pc33.example.com:5070")]
    public void Request_differing_in_branch_or_sent_by_is_a_new_transaction(string branch, string sentBy)
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(TestMessages.Request("OPTIONS"));

        h.Receive(TestMessages.Request("OPTIONS", branch: branch, sentBy: sentBy));

        Assert.Equal(2, h.User.Of("request").Count);
        Assert.Equal(2, h.Layer.Count);
    }

    [Fact]
    public void Sent_by_without_a_port_matches_the_default_port()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(TestMessages.Request("OPTIONS", sentBy: "pc33.example.com"));

        h.Receive(TestMessages.Request("OPTIONS", sentBy: "pc33.example.com:5060"));

        Assert.Single(h.User.Of("request"));
    }

    [Fact]
    public void Request_with_the_same_branch_but_another_method_is_a_new_transaction()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(TestMessages.Request("OPTIONS"));

        h.Receive(TestMessages.Request("INFO"));

        Assert.Equal(["request OPTIONS", "request INFO"], h.User.Labels);
    }

    [Fact]
    public void Ack_with_the_invite_branch_matches_the_invite_transaction_not_a_new_one()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        tx.SendResponse(tx.CreateResponse(404).WithToTag("t1"));

        h.Receive(TestMessages.Request("ACK", toTag: "t1"));

        Assert.Equal(TransactionState.Confirmed, tx.State);
        Assert.Equal(["request INVITE"], h.User.Labels);
        Assert.Equal(1, h.Layer.Count);
    }

    [Fact]
    public void Ack_matching_nothing_is_passed_to_the_TU_as_stray_and_creates_no_transaction()
    {
        using var h = new TransactionHarness();

        var ack = h.Receive(TestMessages.Request("ACK", toTag: "t1"));

        var e = Assert.Single(h.User.Events);
        Assert.Equal("stray-ack", e.Kind);
        Assert.Same(ack, e.Message);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Ack_after_the_invite_transaction_terminated_is_stray()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite(transport: "TCP"), SipTransportKind.Tcp);
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));
        h.Receive(TestMessages.Request("ACK", transport: "TCP", toTag: "t1"), SipTransportKind.Tcp);

        h.Receive(TestMessages.Request("ACK", transport: "TCP", toTag: "t1"), SipTransportKind.Tcp);

        Assert.Equal(["request INVITE", "terminated", "stray-ack"], h.User.Labels);
    }

    [Fact]
    public void Cancel_gets_its_own_server_transaction_and_the_invite_it_cancels()
    {
        using var h = new TransactionHarness();
        var invite = (ServerInviteTransaction)h.ReceiveNew(TestMessages.Invite());

        h.Receive(TestMessages.Request("CANCEL"));

        var e = h.User.Events[^1];
        Assert.Equal("cancel matched", e.Label);
        Assert.Same(invite, e.Related);
        var cancel = Assert.IsType<ServerNonInviteTransaction>(e.Transaction);
        Assert.NotSame(invite, cancel);
        Assert.Equal(SipMethod.Cancel, cancel.Method);
        Assert.Equal(2, h.Layer.Count);
    }

    [Fact]
    public void Cancel_answered_the_uas_way_ends_the_invite_with_487()
    {
        using var h = new TransactionHarness();
        h.User.WhenCancel = (cancel, invite) =>
        {
            // RFC 3261 §9.2: 200 to the CANCEL, 487 to the INVITE if it is still pending.
            cancel.SendResponse(cancel.CreateResponse(200).WithToTag("t1"));
            if (invite?.State == TransactionState.Proceeding) invite.SendResponse(invite.CreateResponse(487).WithToTag("t1"));
        };
        var invite = h.ReceiveNew(TestMessages.Invite());

        h.Receive(TestMessages.Request("CANCEL"));

        // A response sent from inside a callback of the same transaction goes out when the callback returns, so
        // the 487 (another transaction) leaves first; §9.2 sets no order.
        Assert.Equal(["487 INVITE", "200 CANCEL"], h.Sent.Select(s => s.Label + " " + s.Response.CSeq.Method));
        Assert.Equal(TransactionState.Completed, invite.State);
    }

    [Fact]
    public void Cancel_retransmission_is_absorbed_by_the_cancel_transaction_with_its_response_resent()
    {
        using var h = new TransactionHarness();
        h.User.WhenCancel = (cancel, _) => cancel.SendResponse(cancel.CreateResponse(200).WithToTag("t1"));
        h.ReceiveNew(TestMessages.Invite());
        var cancel = TestMessages.Request("CANCEL");
        h.Receive(cancel);

        h.Receive(cancel);

        Assert.Single(h.User.Of("cancel"));
        Assert.Equal(["200", "200"], h.SentLabels);
    }

    [Fact]
    public void Cancel_matching_no_invite_is_passed_up_unmatched()
    {
        using var h = new TransactionHarness();

        h.Receive(TestMessages.Request("CANCEL"));

        var e = Assert.Single(h.User.Events);
        Assert.Equal("cancel unmatched", e.Label);
        Assert.Null(e.Related);
    }

    [Fact]
    public void Cancel_from_another_sent_by_does_not_match_the_invite()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(TestMessages.Invite());

        h.Receive(TestMessages.Request("CANCEL", sentBy: "attacker.example.net"));

        Assert.Equal("cancel unmatched", h.User.Events[^1].Label);
    }

    [Fact]
    public void Cancel_does_not_match_an_invite_transaction_that_has_terminated()
    {
        using var h = new TransactionHarness();
        var invite = h.ReceiveNew(TestMessages.Invite(transport: "TCP"), SipTransportKind.Tcp);
        invite.SendResponse(invite.CreateResponse(486).WithToTag("t1"));
        h.Receive(TestMessages.Request("ACK", transport: "TCP", toTag: "t1"), SipTransportKind.Tcp);

        h.Receive(TestMessages.Request("CANCEL", transport: "TCP"), SipTransportKind.Tcp);

        Assert.Equal("cancel unmatched", h.User.Events[^1].Label);
    }

    [Fact]
    public void Invite_after_its_cancel_is_a_retransmission_of_the_invite_not_a_new_request()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        h.ReceiveNew(invite);
        h.Receive(TestMessages.Request("CANCEL"));

        h.Receive(invite);

        Assert.Equal(["request INVITE", "cancel matched"], h.User.Labels);
    }
}
