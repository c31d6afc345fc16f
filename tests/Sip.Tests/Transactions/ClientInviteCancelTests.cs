using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §9.1: cancelling a client INVITE transaction, never before a provisional response.</summary>
public class ClientInviteCancelTests
{
    [Fact]
    public void Cancel_in_proceeding_starts_the_cancel_transaction_at_once()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = (ClientInviteTransaction)h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 180));

        Assert.True(tx.Cancel(h.User));

        var cancel = h.Sent[^1];
        Assert.Equal("CANCEL", cancel.Label);
        Assert.Equal(tx.Destination, cancel.Destination);
        Assert.Equal(invite.TopVia.Branch, cancel.Request.TopVia.Branch);
        Assert.Equal(2, h.Layer.Count); // the INVITE and its CANCEL
    }

    [Fact]
    public void Cancel_in_calling_waits_for_the_first_provisional_response()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = (ClientInviteTransaction)h.StartClient(invite);

        Assert.True(tx.Cancel(h.User));
        h.AdvanceMs(600);
        Assert.Equal(["INVITE", "INVITE"], h.SentLabels); // no CANCEL yet; the INVITE is still retransmitted

        h.Receive(TestMessages.Response(invite, 100));
        h.Receive(TestMessages.Response(invite, 180));

        Assert.Equal(["INVITE", "INVITE", "CANCEL"], h.SentLabels);
        Assert.Equal(["response 100", "response 180"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Cancel_asked_for_in_calling_is_dropped_when_a_final_response_comes_first()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = (ClientInviteTransaction)h.StartClient(invite);
        tx.Cancel(h.User);

        h.Receive(TestMessages.Response(invite, 486));

        Assert.Equal(["INVITE", "ACK"], h.SentLabels);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(486)]
    public void Cancel_after_a_final_response_sends_nothing(int status)
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = (ClientInviteTransaction)h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, status));
        var sent = h.Sent.Count;

        Assert.False(tx.Cancel(h.User));
        Assert.Equal(sent, h.Sent.Count);
    }

    [Fact]
    public void Cancel_asked_for_twice_sends_one_cancel()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = (ClientInviteTransaction)h.StartClient(invite);
        tx.Cancel(h.User);
        h.Receive(TestMessages.Response(invite, 180));

        Assert.True(tx.Cancel(h.User));
        h.Receive(TestMessages.Response(invite, 183));

        Assert.Single(h.Sent, s => s.Label == "CANCEL");
    }

    [Fact]
    public async Task Cancel_transaction_hears_its_own_responses_and_the_invite_its_487()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite();
        var tx = (ClientInviteTransaction)h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 180));
        var cancelUser = new ClientTransactionCompletion();
        tx.Cancel(cancelUser);

        h.Receive(TestMessages.Response(h.Sent[^1].Request, 200));
        h.Receive(TestMessages.Response(invite, 487));

        Assert.True(cancelUser.Final.IsCompletedSuccessfully);
        Assert.Equal(SipMethod.Cancel, (await cancelUser.Final).FinalResponse!.CSeq.Method);
        Assert.Equal(["response 180", "response 487"], h.User.LabelsFor(tx));
        Assert.Equal(["INVITE", "CANCEL", "ACK"], h.SentLabels);
    }
}
