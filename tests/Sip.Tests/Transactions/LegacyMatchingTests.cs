using Cinema.Tests.Corpus;
using Cinema.Sip.Messages;
using Cinema.Sip.Parsing;
using Cinema.Sip.Transactions;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>
/// RFC 3261 §17.2.3, second half: requests without an RFC 3261 branch (RFC 2543 elements, and the bare magic
/// cookie of RFC 4475 §3.2.1) match by Request-URI, To tag, From tag, Call-ID, CSeq and top Via.
/// </summary>
public class LegacyMatchingTests
{
    private static SipRequest Old(string method = "INVITE", string branch = "", uint cseq = 1, string callId = "old@example.com",
        string fromTag = "f1", string? toTag = null, string requestUri = "sip:bob@example.com", string sentBy = "old.example.com",
        string? cseqMethod = null) =>
        TestMessages.Request(method, branch, sentBy, cseq: cseq, cseqMethod: cseqMethod, callId: callId, fromTag: fromTag, toTag: toTag, requestUri: requestUri);

    [Theory]
    [InlineData("")]
    [InlineData("1234abcd")] // an RFC 2543 branch: no magic cookie
    [InlineData("z9hG4bK")] // RFC 4475 §3.2.1: the cookie alone is not an RFC 3261 branch
    public void Legacy_retransmission_matches_by_the_rfc_2543_fields(string branch)
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Old(branch: branch));
        tx.SendResponse(tx.CreateResponse(180).WithToTag("t1"));

        h.Receive(Old(branch: branch));

        Assert.Equal(["request INVITE"], h.User.Labels);
        Assert.Equal(["180", "180"], h.SentLabels);
    }

    [Fact]
    public void Legacy_request_uri_compares_as_rfc_3261_19_1_4_says()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(Old("OPTIONS", requestUri: "sip:bob@example.com"));

        h.Receive(Old("OPTIONS", requestUri: "sip:bob@EXAMPLE.COM"));

        Assert.Single(h.User.Of("request"));
    }

    public static readonly TheoryData<string, SipRequest> Differences = new()
    {
        { "Request-URI", Old(requestUri: "sip:carol@example.com") },
        { "From tag", Old(fromTag: "f2") },
        { "Call-ID", Old(callId: "other@example.com") },
        { "CSeq number", Old(cseq: 2) },
        { "top Via", Old(sentBy: "other.example.com") },
        { "method", Old("OPTIONS", cseqMethod: "OPTIONS") },
    };

    [Theory]
    [MemberData(nameof(Differences))]
    public void Legacy_request_differing_in_one_matching_field_is_a_new_transaction(string field, SipRequest other)
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(Old());

        h.Receive(other);

        Assert.True(2 == h.User.Of("request").Count, field + " should tell transactions apart");
    }

    [Fact]
    public void Legacy_requests_sharing_the_bare_cookie_branch_are_not_confused()
    {
        using var h = new TransactionHarness();

        h.Receive(Old("OPTIONS", branch: "z9hG4bK", callId: "one@example.com"));
        h.Receive(Old("OPTIONS", branch: "z9hG4bK", callId: "two@example.com"));

        Assert.Equal(2, h.User.Of("request").Count);
        Assert.Equal(2, h.Layer.Count);
    }

    [Fact]
    public void Legacy_request_differing_only_in_to_tag_is_dropped()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(Old("OPTIONS", toTag: "a"));

        h.Receive(Old("OPTIONS", toTag: "b"));

        Assert.Single(h.User.Events);
        Assert.Equal(1, h.Layer.Count);
    }

    [Fact]
    public void Legacy_ack_matches_the_invite_by_the_to_tag_of_the_final_response()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Old());
        tx.SendResponse(tx.CreateResponse(486).WithToTag("busy"));

        h.Receive(Old("ACK", toTag: "busy", cseqMethod: "ACK"));

        Assert.Equal(TransactionState.Confirmed, tx.State);
        Assert.Equal(["request INVITE"], h.User.Labels);
    }

    [Fact]
    public void Legacy_ack_with_another_to_tag_is_stray()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Old());
        tx.SendResponse(tx.CreateResponse(486).WithToTag("busy"));

        h.Receive(Old("ACK", toTag: "other", cseqMethod: "ACK"));

        Assert.Equal(TransactionState.Completed, tx.State);
        Assert.Equal(["request INVITE", "stray-ack"], h.User.Labels);
    }

    [Fact]
    public void Legacy_ack_before_any_final_response_is_stray()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Old());

        h.Receive(Old("ACK", toTag: "t1", cseqMethod: "ACK"));

        Assert.Equal(TransactionState.Proceeding, tx.State);
        Assert.Equal(["request INVITE", "stray-ack"], h.User.Labels);
    }

    [Fact]
    public void Legacy_ack_of_a_2xx_in_accepted_is_passed_up_with_its_transaction()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Old());
        tx.SendResponse(tx.CreateResponse(200).WithToTag("ok"));

        h.Receive(Old("ACK", toTag: "ok", cseqMethod: "ACK"));

        Assert.Equal(["request INVITE", "ack"], h.User.Labels);
        Assert.Same(tx, h.User.Events[^1].Transaction);
    }

    [Fact]
    public void Legacy_cancel_matches_the_invite_with_the_same_fields_and_to_tag()
    {
        using var h = new TransactionHarness();
        var invite = h.ReceiveNew(Old());

        h.Receive(Old("CANCEL", cseqMethod: "CANCEL"));
        h.Receive(Old("CANCEL", cseqMethod: "CANCEL", toTag: "x", cseq: 1, fromTag: "f1", callId: "old@example.com", requestUri: "sip:bob@example.com", sentBy: "old.example.com"));

        Assert.Equal("cancel matched", h.User.Events[1].Label);
        Assert.Same(invite, h.User.Events[1].Related);
        Assert.Equal(2, h.User.Events.Count); // the second CANCEL differs only in To tag: dropped
    }

    [Fact]
    public void Legacy_cancel_with_another_cseq_number_matches_nothing()
    {
        using var h = new TransactionHarness();
        h.ReceiveNew(Old());

        h.Receive(Old("CANCEL", cseq: 2, cseqMethod: "CANCEL"));

        Assert.Equal("cancel unmatched", h.User.Events[^1].Label);
    }

    [Fact]
    public void Legacy_transactions_leave_the_table_when_they_terminate()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(Old("OPTIONS"));
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        h.AdvanceMs(32_000);

        Assert.Equal(0, h.Layer.Count);
        Assert.NotSame(tx, h.ReceiveNew(Old("OPTIONS")));
    }

    [Fact]
    public void Rfc4475_badbranch_falls_back_to_rfc_2543_matching()
    {
        using var h = new TransactionHarness();
        var bytes = TortureCorpus.Read("rfc4475", "badbranch.dat");
        var tx = h.ReceiveNew((SipRequest)SipParser.Parse(bytes).Message!);
        tx.SendResponse(tx.CreateResponse(200).WithToTag("t1"));

        h.Receive(SipParser.Parse(bytes).Message!);
        var otherCall = System.Text.Encoding.UTF8.GetString(bytes).Replace("badbranch.sadonfo", "another.sadonfo", StringComparison.Ordinal);
        h.Receive(TestMessages.Parse(otherCall));

        Assert.Equal(["request OPTIONS", "request OPTIONS"], h.User.Labels);
        Assert.Equal(["200", "200"], h.SentLabels);
    }

    [Fact]
    public void Rfc4475_inv2543_without_branch_or_from_tag_is_matched_and_acked_the_old_way()
    {
        using var h = new TransactionHarness();
        var bytes = TortureCorpus.Read("rfc4475", "inv2543.dat");
        var invite = (SipRequest)SipParser.Parse(bytes).Message!;
        var tx = h.ReceiveNew(invite);
        tx.SendResponse(tx.CreateResponse(486).WithToTag("busy"));

        h.Receive(SipParser.Parse(bytes).Message!);
        var ack = System.Text.Encoding.UTF8.GetString(bytes)
            .Replace("INVITE sip:", "ACK sip:", StringComparison.Ordinal)
            .Replace("CSeq: 56 INVITE", "CSeq: 56 ACK", StringComparison.Ordinal)
            .Replace("user=phone\r\nCall-ID", "user=phone;tag=busy\r\nCall-ID", StringComparison.Ordinal);
        h.Receive(TestMessages.Parse(ack[..(ack.IndexOf("Content-Type", StringComparison.Ordinal))] + "Content-Length: 0\r\n\r\n"));

        Assert.Equal(["request INVITE"], h.User.Labels);
        Assert.Equal(["486", "486"], h.SentLabels);
        Assert.Equal(TransactionState.Confirmed, tx.State);
    }
}
