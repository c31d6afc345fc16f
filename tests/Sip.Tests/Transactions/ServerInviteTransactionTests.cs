using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.2.1 with RFC 6026 §7.1: the INVITE server transaction.</summary>
public class ServerInviteTransactionTests
{
    [Fact]
    public void Server_invite_is_passed_to_the_TU_in_proceeding()
    {
        using var h = new TransactionHarness();

        var tx = h.ReceiveNew(TestMessages.Invite());

        Assert.IsType<ServerInviteTransaction>(tx);
        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal(["request INVITE"], h.User.Labels);
        Assert.Empty(h.Sent);
    }

    [Fact]
    public void Server_invite_sends_100_trying_after_200_ms_when_the_TU_is_silent()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        h.ReceiveNew(invite);

        h.AdvanceMs(199);
        Assert.Empty(h.Sent);
        h.AdvanceMs(1);

        var trying = Assert.Single(h.Sent);
        Assert.Equal(100, trying.Response.StatusCode);
        Assert.Equal(invite.CallId, trying.Response.CallId);
        Assert.Equal(invite.CSeq, trying.Response.CSeq);
        Assert.Equal(invite.Vias.Select(v => v.ToString()), trying.Response.Vias.Select(v => v.ToString()));
        Assert.Null(trying.Response.To.Tag);
        h.AdvanceMs(10_000);
        Assert.Single(h.Sent);
    }

    [Fact]
    public void Server_invite_sends_no_100_when_the_TU_answers_within_200_ms()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());

        h.AdvanceMs(150);
        tx.SendResponse(tx.CreateResponse(180).WithToTag("t1"));
        h.AdvanceMs(1_000);

        Assert.Equal(["180"], h.SentLabels);
    }

    [Fact]
    public void Server_invite_sends_100_at_once_when_configured_as_a_proxy_does()
    {
        using var h = new TransactionHarness(new TransactionOptions { SendTryingImmediately = true });
        h.ReceiveNew(TestMessages.Invite());

        Assert.Equal(["100"], h.SentLabels);
        h.AdvanceMs(1_000);
        Assert.Equal(["100"], h.SentLabels);
    }

    [Fact]
    public void Server_invite_100_trying_goes_out_before_the_TU_hears_of_the_request_when_immediate()
    {
        using var h = new TransactionHarness(new TransactionOptions { SendTryingImmediately = true });
        var sentWhenTuCalled = -1;
        h.User.WhenRequest = _ => sentWhenTuCalled = h.Sent.Count;

        h.ReceiveNew(TestMessages.Invite());

        Assert.Equal(1, sentWhenTuCalled);
    }

    [Fact]
    public void Server_invite_retransmission_in_proceeding_resends_the_last_provisional_and_is_not_passed_up()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.ReceiveNew(invite);
        tx.SendResponse(tx.CreateResponse(180).WithToTag("t1"));
        tx.SendResponse(tx.CreateResponse(183).WithToTag("t1"));

        h.Receive(invite);
        h.Receive(invite);

        Assert.Equal(["180", "183", "183", "183"], h.SentLabels);
        Assert.Equal(["request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_retransmission_after_the_automatic_100_resends_the_100()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        h.ReceiveNew(invite);
        h.AdvanceMs(200);

        h.Receive(invite);

        Assert.Equal(["100", "100"], h.SentLabels);
    }

    [Fact]
    public void Server_invite_retransmission_before_any_provisional_is_absorbed()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        h.ReceiveNew(invite);

        h.Receive(invite);

        Assert.Empty(h.Sent);
        Assert.Equal(["request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_responses_go_back_through_the_transport_in_reply_to_the_request()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());

        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));

        Assert.Same(tx.Message, h.Sent[0].InReplyTo);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(404)]
    [InlineData(486)]
    [InlineData(500)]
    [InlineData(603)]
    public void Server_invite_non_2xx_final_moves_to_completed_and_is_retransmitted_on_timer_G_up_to_T2(int status)
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());

        tx.SendResponse(tx.CreateResponse(status).WithToTag("t1"));
        h.AdvanceMs(31_999);

        Assert.Equal(TransactionState.Completed, tx.State);
        // §17.2.1: T1, 2T1, 4T1, then T2 until Timer H at 64*T1.
        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], h.SendTimes(status.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Server_invite_timer_H_reports_a_timeout_when_no_ack_comes_and_terminates()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));

        h.AdvanceMs(32_000);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["request INVITE", "timeout", "terminated"], h.User.Labels);
        Assert.Equal(0, h.Layer.Count);
        var sent = h.Sent.Count;
        h.AdvanceMs(10_000);
        Assert.Equal(sent, h.Sent.Count);
    }

    [Fact]
    public void Server_invite_over_a_reliable_transport_never_retransmits_the_final_but_keeps_timer_H()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite(transport: "TCP"), SipTransportKind.Tcp);
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));

        h.AdvanceMs(31_999);
        Assert.Equal(["486"], h.SentLabels);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(["request INVITE", "timeout", "terminated"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_retransmission_in_completed_resends_the_final_response()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.ReceiveNew(invite);
        tx.SendResponse(tx.CreateResponse(180).WithToTag("t1"));
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));

        h.Receive(invite);

        Assert.Equal(["180", "486", "486"], h.SentLabels);
        Assert.Equal(["request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_ack_in_completed_moves_to_confirmed_stops_timer_G_and_is_absorbed()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.ReceiveNew(invite);
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));
        h.AdvanceMs(600);

        h.Receive(TestMessages.Request("ACK", toTag: "t1"));
        h.Receive(TestMessages.Request("ACK", toTag: "t1"));
        h.Receive(invite);
        h.AdvanceMs(4_000);

        Assert.Equal(TransactionState.Confirmed, tx.State);
        Assert.Equal([0, 500], h.SendTimes("486"));
        Assert.Equal(["request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_confirmed_terminates_on_timer_I_at_T4()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));
        h.AdvanceMs(100);
        h.Receive(TestMessages.Request("ACK", toTag: "t1"));

        h.AdvanceMs(4_999);
        Assert.Equal(TransactionState.Confirmed, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["request INVITE", "terminated"], h.User.Labels); // no timeout: Timer H was stopped
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Server_invite_ack_over_a_reliable_transport_terminates_at_once_timer_I_zero()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite(transport: "TCP"), SipTransportKind.Tcp);
        tx.SendResponse(tx.CreateResponse(486).WithToTag("t1"));

        h.Receive(TestMessages.Request("ACK", transport: "TCP", toTag: "t1"), SipTransportKind.Tcp);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["request INVITE", "terminated"], h.User.Labels);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Server_invite_2xx_moves_to_accepted_and_is_not_retransmitted_by_the_transaction()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());

        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));
        h.AdvanceMs(20_000);

        Assert.Equal(TransactionState.Accepted, tx.State);
        Assert.Equal(["200"], h.SentLabels);
    }

    [Fact]
    public void Server_invite_accepted_absorbs_invite_retransmissions_without_sending_or_passing_them_up()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.ReceiveNew(invite);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        h.Receive(invite);
        h.Receive(invite);

        Assert.Equal(["200"], h.SentLabels);
        Assert.Equal(["request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_accepted_sends_the_TUs_2xx_retransmissions()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        var ok = tx.CreateResponse(200).WithToTag("t1").Build();
        tx.SendResponse(ok);

        Assert.True(tx.SendResponse(ok));
        Assert.True(tx.SendResponse(ok));

        Assert.Equal(["200", "200", "200"], h.SentLabels);
        Assert.Equal(TransactionState.Accepted, tx.State);
    }

    [Fact]
    public void Server_invite_accepted_passes_a_matching_ack_to_the_TU()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        // Some UAs reuse the INVITE's branch on the ACK of a 2xx: RFC 6026 §7.1 has it passed up, not absorbed.
        h.Receive(TestMessages.Request("ACK", toTag: "t1"));
        h.Receive(TestMessages.Request("ACK", toTag: "t1"));

        Assert.Equal(["request INVITE", "ack", "ack"], h.User.Labels);
        Assert.All(h.User.Of("ack"), e => Assert.Same(tx, e.Transaction));
        Assert.Equal(TransactionState.Accepted, tx.State);
    }

    [Fact]
    public void Server_invite_ack_of_a_2xx_with_its_own_branch_is_a_stray_ack_for_the_TU()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        var ack = h.Receive(TestMessages.Request("ACK", branch: "z9hG4bKnewbranchforack", toTag: "t1"));

        Assert.Equal(["request INVITE", "stray-ack"], h.User.Labels);
        Assert.Same(ack, h.User.Events[^1].Message);
        Assert.Null(h.User.Events[^1].Transaction);
    }

    [Fact]
    public void Server_invite_accepted_terminates_on_timer_L_at_64_T1()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.ReceiveNew(invite);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        h.AdvanceMs(31_999);
        Assert.Equal(TransactionState.Accepted, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["request INVITE", "terminated"], h.User.Labels);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Server_invite_accepted_keeps_timer_L_on_reliable_transports()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite(transport: "TCP");
        var tx = h.ReceiveNew(invite, SipTransportKind.Tcp);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        h.AdvanceMs(31_999);
        h.Receive(invite, SipTransportKind.Tcp);
        Assert.Equal(["request INVITE"], h.User.Labels);
        h.AdvanceMs(1);

        Assert.Equal(TransactionState.Terminated, tx.State);
    }

    [Fact]
    public void Server_invite_after_timer_L_a_retransmission_is_a_new_request()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.ReceiveNew(invite);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));
        h.AdvanceMs(32_000);

        var again = h.ReceiveNew(invite);

        Assert.NotSame(tx, again);
        Assert.Equal(["request INVITE", "terminated", "request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_refuses_responses_its_state_does_not_allow()
    {
        using var h = new TransactionHarness();
        var accepted = h.ReceiveNew(TestMessages.Invite(branch: "z9hG4bKaccepted"));
        // Made before the 2xx: over UDP an INVITE transaction lets go of its request once its 2xx is sent.
        var (ringing, busy, okAgain) = (accepted.CreateResponse(180).WithToTag("t1"), accepted.CreateResponse(486).WithToTag("t1"), accepted.CreateResponse(200).WithToTag("t1"));
        accepted.SendResponse(accepted.CreateResponse(200).WithToTag("t1"));
        var completed = h.ReceiveNew(TestMessages.Invite(branch: "z9hG4bKcompleted"));
        completed.SendResponse(completed.CreateResponse(486).WithToTag("t1"));
        var sent = h.Sent.Count;

        Assert.False(accepted.SendResponse(ringing));
        Assert.False(accepted.SendResponse(busy));
        Assert.False(completed.SendResponse(completed.CreateResponse(200).WithToTag("t1")));
        Assert.False(completed.SendResponse(completed.CreateResponse(180).WithToTag("t1")));
        Assert.Equal(sent, h.Sent.Count);

        h.Receive(TestMessages.Request("ACK", branch: "z9hG4bKcompleted", toTag: "t1"));
        Assert.Equal(TransactionState.Confirmed, completed.State);
        Assert.False(completed.SendResponse(completed.CreateResponse(486).WithToTag("t1")));
        h.AdvanceMs(40_000);
        Assert.False(accepted.SendResponse(okAgain));
        Assert.Equal(sent, h.Sent.Count);
    }

    [Fact]
    public void Server_invite_ack_in_proceeding_is_ignored()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());

        h.Receive(TestMessages.Request("ACK", toTag: "t1"));

        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal(["request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Server_invite_accepts_responses_as_bytes_with_their_status()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());
        var ringing = tx.CreateResponse(180).WithToTag("t1").ToArray();

        Assert.True(tx.SendResponse(180, ringing));
        Assert.Throws<ArgumentOutOfRangeException>(() => tx.SendResponse(99, ringing));

        Assert.Equal(["180"], h.SentLabels);
    }
}
