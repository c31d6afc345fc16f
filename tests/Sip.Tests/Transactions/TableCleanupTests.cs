using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>Every path through every machine ends with the transaction out of the table: nothing leaks.</summary>
public class TableCleanupTests
{
    [Theory]
    [InlineData(SipTransportKind.Udp)]
    [InlineData(SipTransportKind.Tcp)]
    public void Table_is_empty_after_every_kind_of_transaction_has_run_its_course(SipTransportKind transport)
    {
        using var h = new TransactionHarness();
        var via = transport.ViaName();
        var n = 0;
        string Branch() => "z9hG4bKcleanup" + n++;

        // Client INVITE: timeout; non-2xx; 2xx. Client non-INVITE: timeout; final; provisional then final.
        h.StartClient(TestMessages.Invite(Branch(), via), transport);
        var rejected = TestMessages.Invite(Branch(), via);
        h.StartClient(rejected, transport);
        h.Receive(TestMessages.Response(rejected, 486), transport);
        var accepted = TestMessages.Invite(Branch(), via);
        h.StartClient(accepted, transport);
        h.Receive(TestMessages.Response(accepted, 200), transport);
        h.StartClient(TestMessages.Request("OPTIONS", Branch(), transport: via), transport);
        var answered = TestMessages.Request("OPTIONS", Branch(), transport: via);
        h.StartClient(answered, transport);
        h.Receive(TestMessages.Response(answered, 200), transport);
        var slow = TestMessages.Request("OPTIONS", Branch(), transport: via);
        h.StartClient(slow, transport);
        h.Receive(TestMessages.Response(slow, 100), transport);
        h.Receive(TestMessages.Response(slow, 404), transport);

        // Server INVITE: unanswered ACK (Timer H); ACKed non-2xx; 2xx; never answered at all gets a 100 and waits on the TU.
        var noAck = h.ReceiveNew(TestMessages.Invite(Branch(), via), transport);
        noAck.SendResponse(noAck.CreateResponse(486).WithToTag("t"));
        var ackedBranch = Branch();
        var acked = h.ReceiveNew(TestMessages.Invite(ackedBranch, via), transport);
        acked.SendResponse(acked.CreateResponse(603).WithToTag("t"));
        h.Receive(TestMessages.Request("ACK", ackedBranch, transport: via, toTag: "t"), transport);
        var ok = h.ReceiveNew(TestMessages.Invite(Branch(), via), transport);
        ok.SendResponse(ok.CreateResponse(200).WithToTag("t"));

        // Server non-INVITE: final; provisional then final; CANCEL; RFC 2543 style.
        var options = h.ReceiveNew(TestMessages.Request("OPTIONS", Branch(), transport: via), transport);
        options.SendResponse(options.CreateResponse(200).WithToTag("t"));
        var info = h.ReceiveNew(TestMessages.Request("INFO", Branch(), transport: via), transport);
        info.SendResponse(info.CreateResponse(100));
        info.SendResponse(info.CreateResponse(200).WithToTag("t"));
        var cancelled = h.ReceiveNew(TestMessages.Invite("z9hG4bKcancelled", via), transport);
        var cancel = h.ReceiveNew(TestMessages.Request("CANCEL", "z9hG4bKcancelled", transport: via), transport);
        cancel.SendResponse(cancel.CreateResponse(200).WithToTag("t"));
        cancelled.SendResponse(cancelled.CreateResponse(487).WithToTag("t"));
        h.Receive(TestMessages.Request("ACK", "z9hG4bKcancelled", transport: via, toTag: "t"), transport);
        var old = h.ReceiveNew(TestMessages.Request("OPTIONS", "", transport: via), transport);
        old.SendResponse(old.CreateResponse(200).WithToTag("t"));

        Assert.NotEqual(0, h.Layer.Count);
        h.AdvanceMs(64_000);

        Assert.Equal(0, h.Layer.Count);
        var terminated = h.User.Of("terminated").Select(e => e.Transaction).ToHashSet();
        Assert.Equal(14, terminated.Count); // 6 client and 8 server transactions
    }

    [Fact]
    public void A_server_invite_the_TU_never_answers_stays_until_it_does()
    {
        using var h = new TransactionHarness();
        var tx = h.ReceiveNew(TestMessages.Invite());

        // §17.2.1 has no timer in Proceeding: the TU (a proxy's Timer C, a UAS's own limit) must answer.
        h.AdvanceMs(300_000);
        Assert.Equal(1, h.Layer.Count);
        tx.SendResponse(tx.CreateResponse(408).WithToTag("t"));
        h.AdvanceMs(32_000);

        Assert.Equal(0, h.Layer.Count);
    }
}
