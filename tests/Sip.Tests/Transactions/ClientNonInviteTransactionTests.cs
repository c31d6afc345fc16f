using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1.2: the non-INVITE client transaction.</summary>
public class ClientNonInviteTransactionTests
{
    private static Cinema.Sip.Messages.SipRequest Register(string transport = "UDP") => TestMessages.Request("REGISTER", transport: transport);

    [Fact]
    public void Client_non_invite_is_sent_at_once_in_trying()
    {
        using var h = new TransactionHarness();

        var tx = h.StartClient(Register());

        Assert.IsType<ClientNonInviteTransaction>(tx);
        Assert.Equal(TransactionState.Trying, tx.State);
        Assert.Equal(["REGISTER"], h.SentLabels);
    }

    [Fact]
    public void Client_non_invite_retransmits_on_timer_E_doubling_up_to_T2()
    {
        using var h = new TransactionHarness();
        h.StartClient(Register());

        h.AdvanceMs(32_000);

        // §17.1.2.2: intervals T1, 2T1, 4T1, then T2 (4 s) until Timer F at 64*T1.
        Assert.Equal([0, 500, 1500, 3500, 7500, 11500, 15500, 19500, 23500, 27500, 31500], h.SendTimes("REGISTER"));
    }

    [Fact]
    public void Client_non_invite_timer_E_cap_follows_T2()
    {
        using var h = new TransactionHarness(new TransactionOptions { T2 = TimeSpan.FromSeconds(1) });
        h.StartClient(Register());

        h.AdvanceMs(5_000);

        Assert.Equal([0, 500, 1500, 2500, 3500, 4500], h.SendTimes("REGISTER"));
    }

    [Fact]
    public void Client_non_invite_times_out_on_timer_F_in_trying()
    {
        using var h = new TransactionHarness();
        var tx = h.StartClient(Register());

        h.AdvanceMs(31_999);
        Assert.Equal(TransactionState.Trying, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["timeout", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
        h.AdvanceMs(60_000);
        Assert.Equal(11, h.SendTimes("REGISTER").Count); // nothing after termination
    }

    [Fact]
    public void Client_non_invite_provisional_moves_to_proceeding_where_timer_E_fires_every_T2()
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.StartClient(request);
        h.AdvanceMs(200);

        h.Receive(TestMessages.Response(request, 100));
        h.AdvanceMs(31_800);

        Assert.Equal(TransactionState.Terminated, tx.State);
        // §17.1.2.2: the running Timer E fires at 500 ms, then is reset to T2 each time in Proceeding.
        Assert.Equal([0, 500, 4500, 8500, 12500, 16500, 20500, 24500, 28500], h.SendTimes("REGISTER"));
        Assert.Equal(["response 100", "timeout", "terminated"], h.User.LabelsFor(tx)); // Timer F still runs in Proceeding
    }

    [Fact]
    public void Client_non_invite_provisional_after_retransmissions_resets_timer_E_to_T2_at_its_next_firing()
    {
        using var h = new TransactionHarness();
        var request = Register();
        h.StartClient(request);
        h.AdvanceMs(2_000); // sent at 0, 500, 1500; next due at 3500

        h.Receive(TestMessages.Response(request, 100));
        h.AdvanceMs(6_000);

        Assert.Equal([0, 500, 1500, 3500, 7500], h.SendTimes("REGISTER"));
    }

    [Fact]
    public void Client_non_invite_passes_every_provisional_to_the_TU()
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.StartClient(request);

        h.Receive(TestMessages.Response(request, 100));
        h.Receive(TestMessages.Response(request, 100));

        Assert.Equal(["response 100", "response 100"], h.User.LabelsFor(tx));
        Assert.Equal(TransactionState.Proceeding, tx.State);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(302)]
    [InlineData(401)]
    [InlineData(500)]
    [InlineData(600)]
    public void Client_non_invite_final_moves_to_completed_and_stops_retransmissions(int status)
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.StartClient(request);
        h.AdvanceMs(600);

        h.Receive(TestMessages.Response(request, status));
        h.AdvanceMs(4_000);

        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal([0, 500], h.SendTimes("REGISTER"));
        Assert.Equal([$"response {status}"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_non_invite_final_after_provisional_moves_from_proceeding_to_completed()
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.StartClient(request);
        h.Receive(TestMessages.Response(request, 100));

        h.Receive(TestMessages.Response(request, 200));

        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(["response 100", "response 200"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_non_invite_completed_absorbs_response_retransmissions_until_timer_K_at_T4()
    {
        using var h = new TransactionHarness();
        var request = Register();
        var tx = h.StartClient(request);
        h.Receive(TestMessages.Response(request, 200));

        h.Receive(TestMessages.Response(request, 200));
        h.Receive(TestMessages.Response(request, 100));
        h.AdvanceMs(4_999);
        Assert.Equal(TransactionState.Completed, tx.State);
        h.AdvanceMs(1);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["response 200", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Client_non_invite_timer_K_follows_T4()
    {
        using var h = new TransactionHarness(new TransactionOptions { T4 = TimeSpan.FromSeconds(2) });
        var request = Register();
        var tx = h.StartClient(request);
        h.Receive(TestMessages.Response(request, 200));

        h.AdvanceMs(2_000);

        Assert.Equal(TransactionState.Terminated, tx.State);
    }

    [Theory]
    [InlineData(SipTransportKind.Tcp)]
    [InlineData(SipTransportKind.Tls)]
    public void Client_non_invite_over_a_reliable_transport_never_retransmits_and_times_out_on_timer_F(SipTransportKind transport)
    {
        using var h = new TransactionHarness();
        var tx = h.StartClient(Register(transport.ViaName()), transport);

        h.AdvanceMs(32_000);

        Assert.Equal([0], h.SendTimes("REGISTER"));
        Assert.Equal(["timeout", "terminated"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Client_non_invite_over_a_reliable_transport_terminates_on_the_final_response_timer_K_zero()
    {
        using var h = new TransactionHarness();
        var request = Register("TCP");
        var tx = h.StartClient(request, SipTransportKind.Tcp);

        h.Receive(TestMessages.Response(request, 200), SipTransportKind.Tcp);

        Assert.Equal(TransactionState.Terminated, tx.State);
        Assert.Equal(["response 200", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void Client_non_invite_response_after_termination_is_dropped()
    {
        using var h = new TransactionHarness(new TransactionOptions { PassStray2xxToUser = true });
        var request = Register();
        var tx = h.StartClient(request);
        h.Receive(TestMessages.Response(request, 200));
        h.AdvanceMs(5_000);

        h.Receive(TestMessages.Response(request, 200));

        Assert.Equal(["response 200", "terminated"], h.User.Labels); // a stray 2xx to a non-INVITE is not passed up
    }
}
