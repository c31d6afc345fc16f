using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>RFC 3261 §17.1.3: responses match client transactions by top Via branch and CSeq method; the rest is stray.</summary>
public class ResponseMatchingTests
{
    [Fact]
    public void Response_to_invite_does_not_reach_the_cancel_transaction_sharing_its_branch()
    {
        using var h = new TransactionHarness();
        var invite = TestMessages.Invite(branch: ViaBranch.New());
        var inviteTx = (ClientInviteTransaction)h.StartClient(invite);
        h.Receive(TestMessages.Response(invite, 180));
        var cancel = inviteTx.CreateCancel();
        var cancelTx = h.StartClient(cancel);

        h.Receive(TestMessages.Response(cancel, 200));
        h.Receive(TestMessages.Response(invite, 487));

        Assert.Equal(["response 180", "response 487"], h.User.LabelsFor(inviteTx));
        Assert.Equal(["response 200"], h.User.LabelsFor(cancelTx));
        Assert.Equal(["INVITE", "CANCEL", "ACK"], h.SentLabels);
        Assert.Equal(SipMethod.Cancel, h.Sent[1].Request.CSeq.Method);
        Assert.Equal(invite.TopVia.Branch, h.Sent[1].Request.TopVia.Branch);
    }

    [Fact]
    public void Response_with_a_known_branch_but_another_cseq_method_is_stray()
    {
        using var h = new TransactionHarness(new TransactionOptions { PassStray2xxToUser = true });
        var request = TestMessages.Request("OPTIONS");
        var tx = h.StartClient(request);
        var wrongMethod = TestMessages.Request("INVITE", cseqMethod: "INVITE");

        h.Receive(TestMessages.Response(wrongMethod, 200));

        Assert.Empty(h.User.LabelsFor(tx));
        Assert.Equal(["stray-response 200"], h.User.Labels); // a 2xx to INVITE by its CSeq
        Assert.Equal(TransactionState.Trying, tx.State);
    }

    [Fact]
    public void Response_branch_compares_case_insensitively()
    {
        using var h = new TransactionHarness();
        var request = TestMessages.Request("OPTIONS", branch: "z9hG4bKMixedCase");
        var tx = h.StartClient(request);

        h.Receive(TestMessages.Response(TestMessages.Request("OPTIONS", branch: "z9hG4bKmixedcase"), 200));

        Assert.Equal(["response 200"], h.User.LabelsFor(tx));
    }

    [Fact]
    public void Stray_2xx_to_invite_is_dropped_by_default_as_rfc_6026_says()
    {
        using var h = new TransactionHarness();

        h.Receive(TestMessages.Response(TestMessages.Invite(), 200));

        Assert.Empty(h.User.Events);
    }

    [Fact]
    public void Stray_2xx_to_invite_is_passed_up_when_the_TU_forwards_strays()
    {
        using var h = new TransactionHarness(new TransactionOptions { PassStray2xxToUser = true });

        var response = h.Receive(TestMessages.Response(TestMessages.Invite(), 200));

        var e = Assert.Single(h.User.Events);
        Assert.Equal("stray-response 200", e.Label);
        Assert.Same(response, e.Message);
    }

    [Theory]
    [InlineData("INVITE", 180)]
    [InlineData("INVITE", 486)]
    [InlineData("BYE", 200)]
    [InlineData("OPTIONS", 200)]
    public void Other_stray_responses_are_always_dropped(string method, int status)
    {
        using var h = new TransactionHarness(new TransactionOptions { PassStray2xxToUser = true });

        h.Receive(TestMessages.Response(TestMessages.Request(method), status));

        Assert.Empty(h.User.Events);
        Assert.Empty(h.Sent);
    }

    [Fact]
    public void Response_without_a_branch_is_stray()
    {
        using var h = new TransactionHarness(new TransactionOptions { PassStray2xxToUser = true });
        h.StartClient(TestMessages.Invite(branch: "z9hG4bKknown"));

        h.Receive(TestMessages.Response(TestMessages.Request("INVITE", branch: ""), 200));

        Assert.Equal(["stray-response 200"], h.User.Labels);
    }

    [Fact]
    public void A_TU_throwing_on_a_stray_does_not_break_the_layer()
    {
        using var h = new TransactionHarness(new TransactionOptions { PassStray2xxToUser = true });
        h.User.Throw = true;

        h.Receive(TestMessages.Response(TestMessages.Invite(), 200));
        h.Receive(TestMessages.Request("ACK", toTag: "t1"));

        Assert.Equal(["stray-response 200", "stray-ack"], h.User.Labels);
    }
}
