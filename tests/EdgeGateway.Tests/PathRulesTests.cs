using System.Net;
using Cinema.Edge.Configuration;
using Cinema.Edge.Sip;
using Cinema.Sip.Messages;
using Cinema.Sip.Transport;

namespace Cinema.Edge.Tests;

/// <summary>
/// When a registration gets our Path (RFC 3327): only when the phone can be reached through this gateway alone,
/// so that calls to phones any gateway can reach are not tied to the one they registered through.
/// </summary>
public class PathRulesTests
{
    private static readonly IPAddress Public = IPAddress.Parse("203.0.113.5");

    [Theory]
    [InlineData("sip:alice@203.0.113.5:5060", null, false)]          // contact is where the request came from
    [InlineData("sip:alice@192.168.1.20:5060", null, true)]          // private contact, public source: NAT
    [InlineData("sip:alice@10.0.0.8", null, true)]
    [InlineData("sip:alice@172.20.1.1", null, true)]
    [InlineData("sip:alice@100.64.3.3", null, true)]                 // carrier-grade NAT (RFC 6598)
    [InlineData("sip:alice@[fd00::5]:5060", null, true)]             // unique-local IPv6
    [InlineData("sip:alice@198.51.100.7:5060", null, false)]         // another public address: reachable directly
    [InlineData("sip:alice@phone.example.com", null, false)]
    [InlineData("sip:alice@203.0.113.5:5060;ob", null, true)]        // RFC 5626 outbound asks for a flow
    [InlineData("sip:alice@203.0.113.5:5060", 1, true)]
    public void A_phone_needs_its_flow_kept_when_behind_nat_or_using_outbound(string contact, int? regId, bool needsFlow) =>
        Assert.Equal(needsFlow, NatDetection.NeedsFlow(SipUri.Parse(contact), regId, Public));

    [Fact]
    public void A_private_contact_that_is_also_the_source_is_not_nat() =>
        Assert.False(NatDetection.NeedsFlow(SipUri.Parse("sip:alice@192.168.1.20:5060"), null, IPAddress.Parse("192.168.1.20").MapToIPv6()));

    [Theory]
    [InlineData(PathMode.Auto, SipTransportKind.Udp, false, false)]
    [InlineData(PathMode.Auto, SipTransportKind.Udp, true, true)]
    [InlineData(PathMode.Auto, SipTransportKind.Tcp, false, true)]
    [InlineData(PathMode.Auto, SipTransportKind.Tls, false, true)]
    [InlineData(PathMode.Always, SipTransportKind.Udp, false, true)]
    [InlineData(PathMode.Never, SipTransportKind.Tcp, true, false)]
    public void Path_is_added_automatically_only_for_connections_and_nat(PathMode mode, SipTransportKind transport, bool behindNat, bool adds) =>
        Assert.Equal(adds, LocalIdentity.AddsPath(mode, transport, behindNat));
}
