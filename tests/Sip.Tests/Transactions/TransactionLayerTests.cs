using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>The layer's own contract: starting client transactions, the table, the TU boundary, shutting down.</summary>
public class TransactionLayerTests
{
    [Fact]
    public void Starting_a_client_transaction_for_ack_is_refused()
    {
        using var h = new TransactionHarness();

        Assert.Throws<ArgumentException>(() => h.StartClient(TestMessages.Request("ACK")));
        Assert.Equal(0, h.Layer.Count);
        Assert.Empty(h.Sent);
    }

    [Theory]
    [InlineData("")]
    [InlineData("z9hG4bK")]
    [InlineData("rfc2543branch")]
    public void Starting_a_client_transaction_without_an_rfc_3261_branch_is_refused(string branch)
    {
        using var h = new TransactionHarness();

        Assert.Throws<ArgumentException>(() => h.StartClient(TestMessages.Request("OPTIONS", branch: branch)));
    }

    [Fact]
    public void Starting_a_second_client_transaction_with_the_same_branch_and_method_is_refused()
    {
        using var h = new TransactionHarness();
        h.StartClient(TestMessages.Request("OPTIONS"));

        Assert.Throws<InvalidOperationException>(() => h.StartClient(TestMessages.Request("OPTIONS")));
        Assert.Single(h.Sent);
    }

    [Fact]
    public void Client_transaction_sends_the_given_bytes_and_matches_with_the_parsed_request()
    {
        using var h = new TransactionHarness();
        var request = TestMessages.Request("OPTIONS");
        var bytes = request.ToBuilder().AddHeader("X-Wire", "yes").ToArray();

        var tx = h.Layer.StartClientTransaction(TransactionHarness.Peer, request, bytes, h.User);
        h.Receive(TestMessages.Response(request, 200));

        Assert.Equal("yes", h.Sent[0].Message.GetHeader("X-Wire"));
        Assert.Equal(["response 200"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Transactions_expose_what_created_them()
    {
        using var h = new TransactionHarness();
        var request = TestMessages.Request("OPTIONS", branch: "z9hG4bKexposed", transport: "TCP");
        var client = (ClientTransaction)h.StartClient(request, SipTransportKind.Tcp);
        var server = h.ReceiveNew(TestMessages.Request("MESSAGE", branch: "z9hG4bKserver"));

        Assert.Same(request, client.Request);
        Assert.Equal("OPTIONS", client.Method);
        Assert.Equal("z9hG4bKexposed", client.Branch);
        Assert.Equal(SipTransportKind.Tcp, client.Transport);
        Assert.True(client.IsReliable);
        Assert.Same(h.User, client.User);
        Assert.Equal("MESSAGE", server.Method);
        Assert.Equal("z9hG4bKserver", server.Branch);
        Assert.False(server.IsReliable);
        Assert.Equal(TransactionHarness.Peer, server.Message.Source);
    }

    [Fact]
    public void User_state_travels_with_the_transaction()
    {
        using var h = new TransactionHarness();
        h.User.WhenRequest = tx => tx.UserState = "context";
        var tx = h.ReceiveNew(TestMessages.Request("OPTIONS"));

        Assert.Equal("context", tx.UserState);
    }

    [Fact]
    public void TU_callbacks_run_outside_the_transaction_lock()
    {
        using var h = new TransactionHarness();
        var answeredFromAnotherThread = false;
        h.User.WhenRequest = tx =>
        {
            // Would deadlock (and time out) if the layer held the transaction's lock while calling the TU.
            var other = Task.Run(() => tx.SendResponse(tx.CreateResponse(200).WithToTag("t1")));
            answeredFromAnotherThread = other.Wait(TimeSpan.FromSeconds(10)) && other.Result;
        };

        h.ReceiveNew(TestMessages.Request("OPTIONS"));

        Assert.True(answeredFromAnotherThread);
        Assert.Equal(["200"], h.SentLabels);
    }

    [Fact]
    public void A_TU_that_throws_does_not_stop_the_transaction()
    {
        using var h = new TransactionHarness();
        h.User.Throw = true;
        var request = TestMessages.Request("OPTIONS");
        var tx = h.ReceiveNew(request);

        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));
        h.Receive(request);
        h.AdvanceMs(32_000);

        Assert.Equal(["request OPTIONS", "terminated"], h.User.Labels);
        Assert.Equal(["200", "200"], h.SentLabels);
        Assert.Equal(0, h.Layer.Count);
    }

    [Fact]
    public void A_client_TU_that_throws_still_gets_the_rest_of_the_story()
    {
        using var h = new TransactionHarness();
        h.User.Throw = true;
        var invite = TestMessages.Invite();
        var tx = h.StartClient(invite);

        h.Receive(TestMessages.Response(invite, 180));
        h.Receive(TestMessages.Response(invite, 486));
        h.AdvanceMs(32_000);

        Assert.Equal(["response 180", "response 486", "terminated"], h.User.LabelsFor(tx));
        Assert.Equal(["INVITE", "ACK"], h.SentLabels);
    }

    [Fact]
    public void Dispose_stops_every_timer_and_empties_the_table_without_telling_the_TU()
    {
        var h = new TransactionHarness();
        h.StartClient(TestMessages.Invite(branch: "z9hG4bKc1"));
        h.StartClient(TestMessages.Request("OPTIONS", branch: "z9hG4bKc2"));
        h.ReceiveNew(TestMessages.Invite(branch: "z9hG4bKs1"));
        h.ReceiveNew(TestMessages.Request("OPTIONS", branch: ""));
        h.User.Clear();
        var sent = h.Sent.Count;

        h.Dispose();
        h.AdvanceMs(60_000);
        h.Receive(TestMessages.Invite(branch: "z9hG4bKs2"));

        Assert.Equal(0, h.Layer.Count);
        Assert.Equal(sent, h.Sent.Count);
        Assert.Empty(h.User.Events);
        Assert.Throws<ObjectDisposedException>(() => h.StartClient(TestMessages.Request("OPTIONS", branch: "z9hG4bKc3")));
    }

    [Fact]
    public void Options_that_cannot_drive_the_timers_are_refused()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var transport = new LoopTransport(time);
        var user = new RecordingUser();

        Assert.Throws<ArgumentException>(() => new TransactionLayer(transport, user, new TransactionOptions { T1 = TimeSpan.Zero }, time));
        Assert.Throws<ArgumentException>(() => new TransactionLayer(transport, user, new TransactionOptions { T2 = TimeSpan.FromMilliseconds(100) }, time));
        Assert.Throws<ArgumentException>(() => new TransactionLayer(transport, user, new TransactionOptions { T4 = TimeSpan.Zero }, time));
        Assert.Throws<ArgumentException>(() => new TransactionLayer(transport, user, new TransactionOptions { TimerDUnreliable = TimeSpan.Zero }, time));
        Assert.Throws<ArgumentException>(() => new TransactionLayer(transport, user, new TransactionOptions { TryingDelay = TimeSpan.FromSeconds(-1) }, time));
    }

    [Fact]
    public void Default_options_are_the_rfc_values()
    {
        var o = TransactionOptions.Default;

        Assert.Equal(TimeSpan.FromMilliseconds(500), o.T1);
        Assert.Equal(TimeSpan.FromSeconds(4), o.T2);
        Assert.Equal(TimeSpan.FromSeconds(5), o.T4);
        Assert.Equal(TimeSpan.FromSeconds(32), o.TimerB);
        Assert.Equal(TimeSpan.FromSeconds(32), o.TimerDUnreliable);
        Assert.Equal(TimeSpan.FromSeconds(32), o.TimerF);
        Assert.Equal(TimeSpan.FromSeconds(32), o.TimerH);
        Assert.Equal(TimeSpan.FromSeconds(5), o.TimerIUnreliable);
        Assert.Equal(TimeSpan.FromSeconds(32), o.TimerJUnreliable);
        Assert.Equal(TimeSpan.FromSeconds(5), o.TimerKUnreliable);
        Assert.Equal(TimeSpan.FromSeconds(32), o.TimerL);
        Assert.Equal(TimeSpan.FromSeconds(32), o.TimerM);
        Assert.Equal(TimeSpan.FromMilliseconds(200), o.TryingDelay);
        Assert.False(o.SendTryingImmediately);
        Assert.False(o.PassStray2xxToUser);
    }

    [Fact]
    public void A_zero_trying_delay_sends_100_at_once()
    {
        using var h = new TransactionHarness(new TransactionOptions { TryingDelay = TimeSpan.Zero });

        h.ReceiveNew(TestMessages.Invite());

        Assert.Equal(["100"], h.SentLabels);
    }
}
