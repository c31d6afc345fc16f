using System.Net;
using System.Net.Sockets;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

public class LifecycleTests
{
    [Fact]
    public async Task Stopping_closes_connections_and_releases_the_ports()
    {
        var server = await RunningTransport.StartAsync();
        var udp = server.Endpoint(SipTransportKind.Udp);
        var tcp = server.Endpoint(SipTransportKind.Tcp);
        await using var phone = await StreamPeer.ConnectAsync(tcp);
        await phone.WriteAsync("\r\n\r\n"u8.ToArray());
        await phone.ReadBytesAsync(2);

        await server.Layer.StopAsync(TestContext.Current.CancellationToken);

        Assert.True(await phone.ClosedByPeerAsync());
        Assert.Equal(0, server.Layer.ConnectionCount);
        using var udpAgain = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        udpAgain.Bind(udp.Address);
        await using var tcpAgain = await RunningTransport.StartAsync(RunningTransport.Loopback(tcp.ToString()));
        await server.Layer.StopAsync(TestContext.Current.CancellationToken); // a second stop does nothing
    }

    [Fact]
    public async Task Sends_after_stopping_fail_without_throwing()
    {
        var server = await RunningTransport.StartAsync();
        using var phone = new UdpPeer();
        await phone.SendAsync(SipText.Request($"SIP/2.0/UDP {phone.SentBy};branch=z9hG4bK-1"), server.Endpoint(SipTransportKind.Udp));
        var inbound = await server.NextAsync();
        await server.DisposeAsync();

        var request = await server.Layer.SendRequestAsync(new SipEndPoint(SipTransportKind.Udp, phone.EndPoint), new byte[10], TestContext.Current.CancellationToken);
        var response = await server.Layer.SendResponseAsync(inbound, new byte[10], TestContext.Current.CancellationToken);

        Assert.False(request.Sent);
        Assert.False(response.Sent);
    }

    [Fact]
    public async Task A_transport_layer_starts_only_once()
    {
        await using var server = await RunningTransport.StartAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => server.Layer.StartAsync((_, _) => ValueTask.CompletedTask, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_port_in_use_fails_the_start_naming_the_listener()
    {
        using var taken = new UdpPeer();
        var layer = new SipTransportLayer(RunningTransport.Loopback($"udp:127.0.0.1:{taken.Port}"));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => layer.StartAsync((_, _) => ValueTask.CompletedTask, TestContext.Current.CancellationToken));

        Assert.Contains($"udp:127.0.0.1:{taken.Port}", e.Message, StringComparison.Ordinal);
        await layer.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task The_local_end_point_is_the_listener_with_the_advertised_address_for_wildcards()
    {
        var options = RunningTransport.Loopback("udp:0.0.0.0:0", "tcp:127.0.0.1:0", "tcp:[::1]:0") with { AdvertisedAddresses = ["192.0.2.10"] };
        await using var server = await RunningTransport.StartAsync(options);
        var udpPort = server.Endpoint(SipTransportKind.Udp).Address.Port;

        Assert.Equal(new SipEndPoint(SipTransportKind.Udp, new IPEndPoint(IPAddress.Parse("192.0.2.10"), udpPort)), server.Layer.LocalEndPointFor(SipTransportKind.Udp));
        Assert.Equal(server.Endpoint(SipTransportKind.Tcp), server.Layer.LocalEndPointFor(SipTransportKind.Tcp));
        Assert.Equal(server.Endpoint(SipTransportKind.Tcp, AddressFamily.InterNetworkV6), server.Layer.LocalEndPointFor(SipTransportKind.Tcp, AddressFamily.InterNetworkV6));
        Assert.Throws<InvalidOperationException>(() => server.Layer.LocalEndPointFor(SipTransportKind.Tls));
    }
}
