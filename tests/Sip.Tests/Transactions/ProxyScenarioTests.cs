using System.Net;
using Cinema.Sip.Messages;
using Cinema.Sip.Transactions;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transactions;

/// <summary>The transaction API driving a forking proxy (RFC 3261 §16): several client transactions per server transaction.</summary>
public sealed class ProxyScenarioTests : IDisposable
{
    private static readonly SipEndPoint Upstream = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), 5060));
    private static readonly SipEndPoint Phone1 = new(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("198.51.100.1"), 5060));
    private static readonly SipEndPoint Phone2 = new(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Parse("198.51.100.2"), 5060));

    private readonly FakeTimeProvider _time = new();
    private readonly LoopTransport _wire;
    private readonly TransactionLayer _layer;

    public ProxyScenarioTests()
    {
        _wire = new LoopTransport(_time);
        var proxy = new TestForkingProxy(Phone1, Phone2);
        _layer = new TransactionLayer(_wire, proxy, new TransactionOptions { SendTryingImmediately = true }, _time);
        proxy.Layer = _layer;
    }

    public void Dispose() => _layer.Dispose();

    [Fact]
    public void Proxy_forks_forwards_ringing_and_the_first_2xx_and_cancels_the_other_branch()
    {
        var invite = TestMessages.Invite();
        Receive(invite, Upstream);
        var (toPhone1, toPhone2) = (SentTo(Phone1, "INVITE"), SentTo(Phone2, "INVITE"));

        Receive(TestMessages.Response(toPhone1, 100), Phone1);
        Receive(TestMessages.Response(toPhone1, 180, "p1"), Phone1);
        Receive(TestMessages.Response(toPhone2, 180, "p2"), Phone2);
        Receive(TestMessages.Response(toPhone2, 200, "p2"), Phone2);
        var cancel = SentTo(Phone1, "CANCEL");
        Receive(TestMessages.Response(cancel, 200, "p1"), Phone1);
        Receive(TestMessages.Response(toPhone1, 487, "p1"), Phone1);

        // Upstream: our 100 at once, both 180s, the 200 — each with the proxy's Via stripped (§16.7 step 9).
        var upstream = _wire.Sent.Where(s => !s.IsRequest).ToList();
        Assert.Equal(["100", "180", "180", "200"], upstream.Select(s => s.Label));
        Assert.All(upstream, s => Assert.Equal(invite.TopVia.ToString(), s.Response.TopVia.ToString()));
        Assert.All(upstream, s => Assert.Equal(Upstream, s.InReplyTo!.Source));
        // Downstream: the CANCEL went only to the ringing branch that did not answer, and its 487 was ACKed there.
        Assert.Equal(toPhone1.TopVia.Branch, cancel.TopVia.Branch);
        Assert.Equal(Phone1, _wire.Sent.Single(s => s.Label == "ACK").Destination);
        Assert.DoesNotContain(_wire.Sent, s => s.Label == "CANCEL" && s.Destination == Phone2);
        Assert.Equal(70, invite.MaxForwards);
        Assert.Equal(69, toPhone1.MaxForwards);
    }

    [Fact]
    public void Proxy_answers_an_upstream_cancel_cancels_every_ringing_branch_and_forwards_the_best_final()
    {
        var invite = TestMessages.Invite();
        Receive(invite, Upstream);
        var (toPhone1, toPhone2) = (SentTo(Phone1, "INVITE"), SentTo(Phone2, "INVITE"));
        Receive(TestMessages.Response(toPhone1, 180, "p1"), Phone1);
        Receive(TestMessages.Response(toPhone2, 180, "p2"), Phone2);

        Receive(TestMessages.Request("CANCEL"), Upstream);
        Receive(TestMessages.Response(toPhone1, 487, "p1"), Phone1);
        Receive(TestMessages.Response(toPhone2, 487, "p2"), Phone2);
        Receive(TestMessages.Request("ACK", toTag: "p1"), Upstream);

        Assert.Equal(2, _wire.Sent.Count(s => s.Label == "CANCEL"));
        var upstream = _wire.Sent.Where(s => !s.IsRequest).Select(s => s.Label + " " + s.Response.CSeq.Method).ToList();
        Assert.Equal(["100 INVITE", "180 INVITE", "180 INVITE", "200 CANCEL", "487 INVITE"], upstream);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Single(_wire.Sent, s => s.Label == "487"); // ACKed upstream: no Timer G retransmission
    }

    [Fact]
    public void Proxy_cancel_of_a_branch_still_calling_waits_for_its_first_provisional_response()
    {
        Receive(TestMessages.Invite(), Upstream);
        var (toPhone1, toPhone2) = (SentTo(Phone1, "INVITE"), SentTo(Phone2, "INVITE"));
        Receive(TestMessages.Response(toPhone1, 180, "p1"), Phone1);

        Receive(TestMessages.Request("CANCEL"), Upstream);
        Assert.Single(_wire.Sent, s => s.Label == "CANCEL"); // phone 2 has not answered at all yet
        Receive(TestMessages.Response(toPhone2, 100), Phone2);

        Assert.Equal([Phone1, Phone2], _wire.Sent.Where(s => s.Label == "CANCEL").Select(s => s.Destination!.Value));
    }

    [Fact]
    public void Proxy_tables_drain_once_every_timer_has_fired()
    {
        var invite = TestMessages.Invite();
        Receive(invite, Upstream);
        Receive(TestMessages.Response(SentTo(Phone1, "INVITE"), 486, "p1"), Phone1);
        Receive(TestMessages.Response(SentTo(Phone2, "INVITE"), 603, "p2"), Phone2);
        Receive(TestMessages.Request("ACK", toTag: "p1"), Upstream);

        for (var i = 0; i < 64_000; i += 10) _time.Advance(TimeSpan.FromMilliseconds(10));

        Assert.Equal("486", _wire.Sent.Last(s => !s.IsRequest).Label); // the best (lowest class) final went upstream
        Assert.Equal(0, _layer.Count);
    }

    private SipRequest SentTo(SipEndPoint target, string method) => _wire.Sent.Last(s => s.Destination == target && s.Label == method).Request;

    private void Receive(SipMessage message, SipEndPoint from) =>
        _layer.Receive(new InboundMessage(message, from, _wire.LocalEndPointFor(from.Transport), from.Transport == SipTransportKind.Udp ? 0 : 1));
}
