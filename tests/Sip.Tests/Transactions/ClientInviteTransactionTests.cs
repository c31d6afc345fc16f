using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1.1 with RFC 6026 §7.2: the INVITE client transaction.</summary>
public class ClientInviteTransactionTests
{
    [Fact]
    public void Client_invite_is_sent_at_once_to_the_destination_in_calling()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();

        var tx = h.StartClient(invite);

        Assert.IsType<ClientInviteTransaction>(tx);
        Assert.Equal(TransactionState.Calling, tx.State);
        var sent = Assert.Single(h.Sent);
        Assert.Equal(TransactionHarness.Peer, sent.Destination);
        Assert.Equal(invite.Buffer.ToArray(), sent.Message.Buffer.ToArray());
        Assert.Equal(1, h.Layer.Count);
    }

    [Fact]
    public void Client_invite_retransmits_on_timer_A_doubling_with_no_T2_cap_until_timer_B()
    {
        using var h = new TransactionHarness();
        h.StartClient(TestMessages.Invite());

        h.Advance(TimeSpan.FromSeconds(40));

        // §17.1.1.2: T1, 2T1, 4T1, ... (0.5, 1, 2, 4, 8, 16 s apart), never capped at T2 = 4 s; Timer B at 64*T1 = 32 s.
        Assert.Equal([0, 500, 1500, 3500, 7500, 15500, 31500], h.SendTimes("INVITE"));
    }

    [Fact]
    public void Client_invite_times_out_on_timer_B_at_64_T1_and_terminates()
    {
        using var h = new TransactionHarness();
        var tx = h.StartClient(TestMessages.Invite());

        h.AdvanceMs(31_999);
        Assert.Equal(TransactionState.Calling, tx.State);
        Assert.Empty(h.User.Events);

        h.AdvanceMs(1);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["timeout", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Client_invite_timer_B_follows_T1()
    {
        using var h = new TransactionHarness(new TransactionOptions { T1 = TimeSpan.FromMilliseconds(100) });
        var tx = h.StartClient(TestMessages.Invite());

        h.AdvanceMs(6_400);

        Assert.Equal([0, 100, 300, 700, 1500, 3100, 6300], h.SendTimes("INVITE"));
        Assert.Equal(["timeout", "terminated"], h.User.LabelsFor(tx));
    }

    [Theory]
    [InlineData(SipTransportKind.Tcp)]
    [InlineData(SipTransportKind.Tls)]
    public void Client_invite_over_a_reliable_transport_is_not_retransmitted_but_still_times_out(SipTransportKind transport)
    {
        using var h = new TransactionHarness();
        var tx = h.StartClient(TestMessages.Invite(transport: transport.ViaName()), transport);

        h.AdvanceMs(31_999);
        Assert.Equal([0], h.SendTimes("INVITE"));
        Assert.Equal(TransactionState.Calling, tx.State);

        h.AdvanceMs(1);
        Assert.Equal(["timeout", "terminated"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_invite_provisional_response_moves_to_proceeding_and_stops_timers_A_and_B()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.AdvanceMs(600); // one retransmission

        h.Receive(TestMessages.Response(invite, 180));
        h.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal([0, 500], h.SendTimes("INVITE"));
        Assert.Equal(["response 180"], h.User.LabelsFor(tx)); // no Timer B timeout: Timer C is the proxy's (§16.8)
    }

    [Fact]
    public void Client_invite_passes_every_provisional_response_to_the_TU()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);

        h.Receive(TestMessages.Response(invite, 100));
        h.Receive(TestMessages.Response(invite, 180));
        h.Receive(TestMessages.Response(invite, 180));
        h.Receive(TestMessages.Response(invite, 183));

        Assert.Equal(["response 100", "response 180", "response 180", "response 183"], h.User.LabelsFor(tx));
        Assert.Equal(TransactionState.Proceeding, tx.State);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(404)]
    [InlineData(486)]
    [InlineData(503)]
    [InlineData(603)]
    public void Client_invite_non_2xx_final_is_acked_by_the_transaction_and_passed_up_once(int status)
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 180));

        h.Receive(TestMessages.Response(invite, status));

        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(["INVITE", "ACK"], h.SentLabels);
        Assert.Equal(["response 180", $"response {status}"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_invite_non_2xx_final_in_calling_goes_straight_to_completed()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);

        h.Receive(TestMessages.Response(invite, 486));
        h.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(["INVITE", "ACK"], h.SentLabels); // Timer A stopped
    }

    [Fact]
    public void Client_invite_ack_for_a_non_2xx_has_the_fields_of_rfc_3261_17_1_1_3()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite(routes: ["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"]);
        h.StartClient(invite);
        var busy = TestMessages.Response(invite, 486, toTag: "busy-tag");

        h.Receive(busy);

        var ack = h.Sent[^1];
        Assert.Equal(TransactionHarness.Peer, ack.Destination); // same address, port and transport as the INVITE
        var request = ack.Request;
        Assert.Equal(SipMethod.Ack, request.Method);
        Assert.Equal(invite.RequestUri.ToString(), request.RequestUri.ToString());
        Assert.Equal(invite.CallId, request.CallId);
        Assert.Equal(invite.From, request.From);
        Assert.Equal(new CSeq(invite.CSeq.Number, SipMethod.Ack), request.CSeq);
        Assert.Equal("busy-tag", request.To.Tag);
        Assert.Equal(busy.To, request.To);
        var via = Assert.Single(request.Vias); // the top Via only
        Assert.Equal(invite.TopVia.ToString(), via.ToString());
        Assert.Equal(["<sip:p1.example.com;lr>", "<sip:p2.example.com;lr>"], request.Routes.Select(r => r.ToString()));
        Assert.Equal(70, request.MaxForwards);
        Assert.True(request.Body.IsEmpty);
        Assert.False(request.Has(HeaderKind.Contact));
    }

    [Fact]
    public void Client_invite_retransmitted_non_2xx_in_completed_resends_the_ack_and_is_not_passed_up()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        var busy = TestMessages.Response(invite, 486);
        h.Receive(busy);

        h.Receive(busy);
        h.Receive(busy);

        Assert.Equal(["INVITE", "ACK", "ACK", "ACK"], h.SentLabels);
        Assert.Equal(h.Sent[1].Message.Buffer.ToArray(), h.Sent[3].Message.Buffer.ToArray());
        Assert.Equal(["response 486"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_invite_completed_ignores_provisional_and_2xx_responses()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 486));

        h.Receive(TestMessages.Response(invite, 180));
        h.Receive(TestMessages.Response(invite, 200));

        Assert.Equal(["response 486"], h.User.LabelsFor(tx));
        Assert.Equal(["INVITE", "ACK"], h.SentLabels);
    }

    [Fact]
    public void Client_invite_completed_terminates_on_timer_D_after_32_s_on_unreliable_transports()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.AdvanceMs(1_000);
        h.Receive(TestMessages.Response(invite, 404));

        h.AdvanceMs(31_999);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.Receive(TestMessages.Response(invite, 404));
        Assert.Equal(2, h.SendTimes("ACK").Count);

        h.AdvanceMs(1);
        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["response 404", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Client_invite_completed_terminates_at_once_on_reliable_transports_timer_D_zero()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite(transport: "TCP");
        var tx = h.StartClient(invite, SipTransportKind.Tcp);

        h.Receive(TestMessages.Response(invite, 404), SipTransportKind.Tcp);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["INVITE", "ACK"], h.SentLabels);
        Assert.Equal(["response 404", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Client_invite_2xx_moves_to_accepted_without_an_ack_from_the_transaction()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);

        h.Receive(TestMessages.Response(invite, 200));
        h.AdvanceMs(10_000);

        Assert.Equal(TransactionState.Accepted, tx.State);
        Assert.Equal(["INVITE"], h.SentLabels); // the TU ACKs a 2xx (§13.2.2.4); Timer A stopped
        Assert.Equal(["response 200"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_invite_accepted_passes_2xx_retransmissions_and_other_forks_2xx_to_the_TU()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 180));
        h.Receive(TestMessages.Response(invite, 200, toTag: "fork1"));

        h.Receive(TestMessages.Response(invite, 200, toTag: "fork1"));
        h.Receive(TestMessages.Response(invite, 200, toTag: "fork2"));
        h.Receive(TestMessages.Response(invite, 180)); // not a 2xx: absorbed
        h.Receive(TestMessages.Response(invite, 486)); // likewise

        Assert.Equal(["response 180", "response 200", "response 200", "response 200"], h.User.LabelsFor(tx));
        Assert.Equal(["fork1", "fork1", "fork2"], h.User.For(tx).Skip(1).Select(e => ((SipResponse)e.Message!.Message).To.Tag));
        Assert.Equal(["INVITE"], h.SentLabels);
    }

    [Fact]
    public void Client_invite_accepted_terminates_on_timer_M_at_64_T1()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 200));

        h.AdvanceMs(31_999);
        Assert.Equal(TransactionState.Accepted, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["response 200", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Client_invite_accepted_keeps_timer_M_on_reliable_transports()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite(transport: "TCP");
        var tx = h.StartClient(invite, SipTransportKind.Tcp);
        h.Receive(TestMessages.Response(invite, 200), SipTransportKind.Tcp);

        h.AdvanceMs(31_999);
        h.Receive(TestMessages.Response(invite, 200), SipTransportKind.Tcp);
        Assert.Equal(TransactionState.Accepted, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(["response 200", "response 200", "terminated"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_invite_2xx_after_provisional_moves_from_proceeding_to_accepted()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 183));

        h.Receive(TestMessages.Response(invite, 200));

        Assert.Equal(TransactionState.Accepted, tx.State);
        Assert.Equal(["response 183", "response 200"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_invite_2xx_after_termination_is_a_stray_response()
    {
        using var h = new TransactionHarness(new TransactionOptions { PassStray2xxToUser = true });
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 200));
        h.AdvanceMs(32_000);

        h.Receive(TestMessages.Response(invite, 200));

        Assert.Equal(["response 200", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal("stray-response 200", h.User.Events[^1].Label);
    }

    [Fact]
    public void Client_invite_builds_a_cancel_with_the_fields_of_rfc_3261_9_1()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite(routes: ["<sip:p1.example.com;lr>"]);
        var tx = (ClientInviteTransaction)h.StartClient(invite);

        var cancel = tx.CreateCancel();

        Assert.Equal(SipMethod.Cancel, cancel.Method);
        Assert.Equal(invite.RequestUri.ToString(), cancel.RequestUri.ToString());
        Assert.Equal(invite.CallId, cancel.CallId);
        Assert.Equal(invite.From, cancel.From);
        Assert.Equal(invite.To, cancel.To);
        Assert.Equal(new CSeq(invite.CSeq.Number, SipMethod.Cancel), cancel.CSeq);
        Assert.Equal(invite.TopVia.ToString(), Assert.Single(cancel.Vias).ToString());
        Assert.Equal(["<sip:p1.example.com;lr>"], cancel.Routes.Select(r => r.ToString()));
        Assert.True(cancel.Body.IsEmpty);
    }
}
