using System.Globalization;
using System.Net;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

public class UdpTransportTests
{
    private static readonly byte[] Ok = SipText.Response("SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-ok");

    [Fact]
    public async Task A_request_is_delivered_with_its_source_and_listener()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);

        await phone.SendAsync(SipText.Request($"SIP/2.0/UDP {phone.SentBy};branch=z9hG4bK-1"), udp);
        var inbound = await server.NextAsync();

        Assert.Equal(new SipEndPoint(SipTransportKind.Udp, phone.EndPoint), inbound.Source);
        Assert.Equal(udp, inbound.Local);
        Assert.Equal(0, inbound.ConnectionId);
        Assert.Equal("OPTIONS", inbound.Request!.Method);
    }

    [Fact]
    public async Task A_response_to_a_request_with_rport_goes_to_the_source_port()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        using var elsewhere = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);
        await phone.SendAsync(SipText.Request($"SIP/2.0/UDP 127.0.0.1:{elsewhere.Port};rport;branch=z9hG4bK-1"), udp);
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        var (data, from) = await phone.ReceiveAsync();
        Assert.Equal(Ok, data);
        Assert.Equal(udp.Address, from); // from our listen socket, the address a NAT expects (RFC 3581 §4)
        Assert.False(elsewhere.HasPending);
    }

    /// <summary>Without rport the response goes to the Via port (RFC 3261 §18.2.2); a maddr comes before rport.</summary>
    [Theory]
    [InlineData("SIP/2.0/UDP 127.0.0.1:{0};branch=z9hG4bK-1")]
    [InlineData("SIP/2.0/UDP 127.0.0.1:{0};maddr=127.0.0.1;rport;branch=z9hG4bK-1")]
    public async Task A_response_without_rport_or_with_a_maddr_goes_to_the_via_port(string via)
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        using var viaPort = new UdpPeer();
        await phone.SendAsync(SipText.Request(string.Format(CultureInfo.InvariantCulture, via, viaPort.Port)), server.Endpoint(SipTransportKind.Udp));
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        Assert.Equal(Ok, (await viaPort.ReceiveAsync()).Data);
        Assert.False(phone.HasPending);
    }

    /// <summary>
    /// A route worked out from the request (what a transaction keeps for re-sending its answer once it lets go of
    /// the request) sends where the request itself would be answered: source port with rport, else the Via port.
    /// </summary>
    [Theory]
    [InlineData("SIP/2.0/UDP 127.0.0.1:{0};rport;branch=z9hG4bK-1", true)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:{0};branch=z9hG4bK-1", false)]
    [InlineData("SIP/2.0/UDP 127.0.0.1:{0};maddr=127.0.0.1;rport;branch=z9hG4bK-1", false)]
    public async Task A_response_route_sends_where_the_request_would_be_answered(string via, bool toSource)
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        using var viaPort = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);
        await phone.SendAsync(SipText.Request(string.Format(CultureInfo.InvariantCulture, via, viaPort.Port)), udp);
        var inbound = await server.NextAsync();

        var route = server.Layer.RouteResponse(inbound);
        Assert.NotNull(route);
        var result = await server.Layer.SendResponseAsync(route, Ok, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        var (data, from) = await (toSource ? phone : viaPort).ReceiveAsync();
        Assert.Equal(Ok, data);
        Assert.Equal(udp.Address, from);
        Assert.False((toSource ? viaPort : phone).HasPending);
    }

    /// <summary>
    /// Every waiting transaction keeps its route for up to 32 s, and most requests come from a few peers: requests
    /// answered the same way share one route, and a request from elsewhere gets its own.
    /// </summary>
    [Fact]
    public async Task Requests_from_one_peer_share_their_route_and_another_peer_gets_its_own()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        using var other = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);
        const string Via = "SIP/2.0/UDP 127.0.0.1:{0};rport;branch=z9hG4bK-{1}";

        await phone.SendAsync(SipText.Request(string.Format(CultureInfo.InvariantCulture, Via, phone.Port, 1)), udp);
        var first = server.Layer.RouteResponse(await server.NextAsync());
        await phone.SendAsync(SipText.Request(string.Format(CultureInfo.InvariantCulture, Via, phone.Port, 2)), udp);
        var second = server.Layer.RouteResponse(await server.NextAsync());
        await other.SendAsync(SipText.Request(string.Format(CultureInfo.InvariantCulture, Via, other.Port, 3)), udp);
        var third = server.Layer.RouteResponse(await server.NextAsync());

        Assert.Same(first, second);
        Assert.NotNull(third);
        Assert.NotEqual(first!.Destination, third.Destination);
        Assert.Equal(other.Port, third.Destination.Port);
    }

    [Fact]
    public async Task A_request_whose_answer_cannot_be_routed_gets_no_route()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        await phone.SendAsync(SipText.Request("SIP/2.0/UDP 127.0.0.1:5060;maddr=224.0.1.75;branch=z9hG4bK-1"), server.Endpoint(SipTransportKind.Udp));

        Assert.Null(server.Layer.RouteResponse(await server.NextAsync()));
    }

    [Fact]
    public async Task A_broadcast_sent_by_is_never_used_as_a_destination()
    {
        // RFC 4475 §3.3.10: the response goes to the source address with the Via port, never to 255.255.255.255.
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        using var viaPort = new UdpPeer();
        await phone.SendAsync(SipText.Request($"SIP/2.0/UDP 255.255.255.255:{viaPort.Port};branch=z9hG4bK-1"), server.Endpoint(SipTransportKind.Udp));
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        Assert.Equal(Ok, (await viaPort.ReceiveAsync()).Data);
    }

    [Theory]
    [InlineData("255.255.255.255")]
    [InlineData("224.0.1.75")]
    [InlineData("[ff02::1]")]
    public async Task A_broadcast_or_multicast_maddr_is_refused(string maddr)
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        await phone.SendAsync(SipText.Request($"SIP/2.0/UDP 127.0.0.1:5060;maddr={maddr};branch=z9hG4bK-1"), server.Endpoint(SipTransportKind.Udp));
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.False(result.Sent);
        Assert.Contains("multicast", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_request_is_answered_with_400_to_its_source()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        await phone.SendAsync(SipText.MalformedRequest($"SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-1", "bad-1"), server.Endpoint(SipTransportKind.Udp));

        var answer = await phone.ReceiveTextAsync();

        Assert.StartsWith("SIP/2.0 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("i: bad-1\r\n", answer, StringComparison.Ordinal);
        Assert.Contains("v: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-1\r\n", answer, StringComparison.Ordinal);
        Assert.Equal(0, server.Pending);
    }

    [Fact]
    public async Task A_malformed_request_is_not_answered_when_the_answer_would_be_larger()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);
        var tiny = "OPTIONS sip:a SIP/2.0\r\nv: SIP/2.0/UDP 127.0.0.1:5\r\n\r\n"u8.ToArray();

        await phone.SendAsync(tiny, udp);
        await phone.SendAsync(SipText.MalformedRequest("SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-2", "second"), udp);

        // Datagrams are handled in order by the one receive loop: the first answer must be the second one's.
        Assert.Contains("i: second\r\n", await phone.ReceiveTextAsync(), StringComparison.Ordinal);
        Assert.False(phone.HasPending);
    }

    [Fact]
    public async Task A_malformed_response_is_dropped_and_later_messages_still_arrive()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);
        var noCSeq = "SIP/2.0 200 OK\r\nVia: SIP/2.0/UDP 127.0.0.1:9;branch=z9hG4bK-1\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n"u8.ToArray();

        await phone.SendAsync(noCSeq, udp);
        await phone.SendAsync([0x00, 0x01, 0xff, 0x0d], udp);
        await phone.SendAsync(SipText.Request($"SIP/2.0/UDP {phone.SentBy};branch=z9hG4bK-3", "after"), udp);

        Assert.Equal("after", (await server.NextAsync()).Message.CallId);
        Assert.Equal(0, server.Pending);
        Assert.False(phone.HasPending);
    }

    [Fact]
    public async Task A_valid_response_is_delivered()
    {
        await using var server = await RunningTransport.StartAsync();
        using var peer = new UdpPeer();

        await peer.SendAsync(SipText.Response("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-9", "resp-1", 180), server.Endpoint(SipTransportKind.Udp));
        var inbound = await server.NextAsync();

        Assert.Equal(180, inbound.Response!.StatusCode);
        Assert.Equal(new SipEndPoint(SipTransportKind.Udp, peer.EndPoint), inbound.Source);
    }

    [Fact]
    public async Task A_request_is_sent_from_the_listen_port()
    {
        await using var client = await RunningTransport.StartAsync();
        using var server = new UdpPeer();
        var request = SipText.Request("SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-1");

        var result = await client.Layer.SendRequestAsync(new SipEndPoint(SipTransportKind.Udp, server.EndPoint), request, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        var (data, from) = await server.ReceiveAsync();
        Assert.Equal(request, data);
        Assert.Equal(client.Endpoint(SipTransportKind.Udp).Address, from);
    }

    [Fact]
    public async Task Udp_works_over_ipv6_loopback()
    {
        await using var server = await RunningTransport.StartAsync(RunningTransport.Loopback("udp:[::1]:0"));
        using var phone = new UdpPeer(IPAddress.IPv6Loopback);
        await phone.SendAsync(SipText.Request($"SIP/2.0/UDP [::1]:9;rport;branch=z9hG4bK-1"), server.Endpoint(SipTransportKind.Udp, System.Net.Sockets.AddressFamily.InterNetworkV6));
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.Equal(IPAddress.IPv6Loopback, inbound.Source.Address.Address);
        Assert.True(result.Sent, result.Error);
        Assert.Equal(Ok, (await phone.ReceiveAsync()).Data);
    }

    [Fact]
    public async Task Sending_where_no_listener_of_the_family_exists_fails_without_throwing()
    {
        await using var client = await RunningTransport.StartAsync(RunningTransport.Loopback("udp:127.0.0.1:0"));

        var result = await client.Layer.SendRequestAsync(new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.IPv6Loopback, 5060)), Ok, TestContext.Current.CancellationToken);

        Assert.False(result.Sent);
        Assert.Contains("no UDP listener", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sending_a_request_to_a_broadcast_address_fails()
    {
        await using var client = await RunningTransport.StartAsync();

        var result = await client.Layer.SendRequestAsync(new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Broadcast, 5060)), Ok, TestContext.Current.CancellationToken);

        Assert.False(result.Sent);
    }

    [Fact]
    public async Task A_full_inbound_queue_drops_datagrams_and_recovers()
    {
        var logger = new RecordingLogger();
        var entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = RunningTransport.Loopback("udp:127.0.0.1:0") with { InboundQueueCapacity = 1 };
        await using var server = await RunningTransport.StartAsync(options, logger: logger, before: async (_, ct) =>
        {
            entered.TrySetResult();
            await gate.Task.WaitAsync(ct);
        });
        using var phone = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);
        byte[] Flood(int i) => SipText.Request($"SIP/2.0/UDP {phone.SentBy};branch=z9hG4bK-{i}", $"flood-{i}");

        await phone.SendAsync(Flood(0), udp);
        await entered.Task.WaitAsync(Eventually.Deadline, TestContext.Current.CancellationToken); // the handler holds flood-0
        for (var i = 1; i < 5; i++) await phone.SendAsync(Flood(i), udp); // flood-1 fills the queue, the rest are dropped
        await Eventually.TrueAsync(() => logger.Has(110), "the queue reports dropping");
        gate.SetResult();
        Assert.Equal("flood-0", (await server.NextAsync()).Message.CallId);
        Assert.Equal("flood-1", (await server.NextAsync()).Message.CallId);
        await phone.SendAsync(Flood(5), udp);

        Assert.Equal("flood-5", (await server.NextAsync()).Message.CallId);
        await Eventually.TrueAsync(() => logger.Has(111), "the queue reports recovery"); // logged just after the message was queued
        Assert.Contains(logger.Entries, e => e.EventId == 111 && e.Message.Contains(" 3 ", StringComparison.Ordinal));
    }
}
