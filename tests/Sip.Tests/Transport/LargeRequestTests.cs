using System.Net;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

/// <summary>RFC 3261 §18.1.1: requests too large for UDP go over TCP.</summary>
public class LargeRequestTests
{
    private static readonly byte[] Large = SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-big", "big", body: new string('a', 1500));

    [Fact]
    public async Task The_transport_is_chosen_by_size_and_by_what_we_listen_on()
    {
        await using var both = await RunningTransport.StartAsync();
        await using var udpOnly = await RunningTransport.StartAsync(RunningTransport.Loopback("udp:127.0.0.1:0"));
        var somewhere = new IPEndPoint(IPAddress.Loopback, 5060);
        var udp = new SipEndPoint(SipTransportKind.Udp, somewhere);

        Assert.Equal(SipTransportKind.Udp, both.Layer.ChooseTransport(udp, 1300));
        Assert.Equal(SipTransportKind.Tcp, both.Layer.ChooseTransport(udp, 1301));
        Assert.Equal(SipTransportKind.Tls, both.Layer.ChooseTransport(new SipEndPoint(SipTransportKind.Tls, somewhere), 5000));
        Assert.Equal(SipTransportKind.Udp, udpOnly.Layer.ChooseTransport(udp, 5000)); // no TCP to put in the Via: UDP anyway
        Assert.Equal(SipTransportKind.Udp, both.Layer.ChooseTransport(new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.IPv6Loopback, 5060)), 5000));
    }

    [Fact]
    public async Task A_large_request_for_udp_is_sent_over_tcp()
    {
        await using var client = await RunningTransport.StartAsync();
        await using var server = await RunningTransport.StartOnSharedPortAsync();

        var result = await client.Layer.SendRequestAsync(server.Endpoint(SipTransportKind.Udp), Large, TestContext.Current.CancellationToken);
        var inbound = await server.NextAsync();

        Assert.True(result.Sent, result.Error);
        Assert.Equal(SipTransportKind.Tcp, inbound.Source.Transport);
        Assert.Equal(Large, inbound.Message.Buffer.ToArray());
    }

    [Fact]
    public async Task A_destination_that_refuses_tcp_gets_large_requests_over_udp_afterwards()
    {
        await using var client = await RunningTransport.StartAsync();
        using var udpOnlyPeer = new UdpPeer();
        var destination = new SipEndPoint(SipTransportKind.Udp, udpOnlyPeer.EndPoint);

        var refused = await client.Layer.SendRequestAsync(destination, Large, TestContext.Current.CancellationToken);
        var nowChosen = client.Layer.ChooseTransport(destination, Large.Length);
        var retried = await client.Layer.SendRequestAsync(destination, Large, TestContext.Current.CancellationToken);

        Assert.False(refused.Sent);
        Assert.Contains("UDP", refused.Error, StringComparison.Ordinal);
        Assert.Equal(SipTransportKind.Udp, nowChosen);
        Assert.True(retried.Sent, retried.Error);
        Assert.Equal(Large, (await udpOnlyPeer.ReceiveAsync()).Data);
    }
}
