using System.Net.Sockets;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

public class ConnectionLimitTests
{
    [Fact]
    public async Task Connections_beyond_the_total_limit_are_closed()
    {
        await using var server = await RunningTransport.StartAsync(RunningTransport.Loopback("tcp:127.0.0.1:0") with { MaxConnections = 2 });
        var tcp = server.Endpoint(SipTransportKind.Tcp);
        await using var first = await StreamPeer.ConnectAsync(tcp);
        await using var second = await StreamPeer.ConnectAsync(tcp);
        await Eventually.TrueAsync(() => server.Layer.ConnectionCount == 2, "both connections are accepted");

        await using var third = await StreamPeer.ConnectAsync(tcp);

        Assert.True(await third.ClosedByPeerAsync());
        await AssertAliveAsync(first);
        await AssertAliveAsync(second);
        Assert.Equal(2, server.Layer.ConnectionCount);
    }

    [Fact]
    public async Task Connections_beyond_the_per_address_limit_are_closed_while_other_addresses_get_in()
    {
        var options = RunningTransport.Loopback("tcp:127.0.0.1:0", "tcp:[::1]:0") with { MaxConnectionsPerAddress = 1 };
        await using var server = await RunningTransport.StartAsync(options);
        await using var first = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        await Eventually.TrueAsync(() => server.Layer.ConnectionCount == 1, "the first connection is accepted");

        await using var second = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        await using var fromIpv6 = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp, AddressFamily.InterNetworkV6));

        Assert.True(await second.ClosedByPeerAsync());
        await AssertAliveAsync(first);
        await AssertAliveAsync(fromIpv6);
    }

    [Fact]
    public async Task A_closed_connection_frees_its_place()
    {
        await using var server = await RunningTransport.StartAsync(RunningTransport.Loopback("tcp:127.0.0.1:0") with { MaxConnections = 1 });
        var tcp = server.Endpoint(SipTransportKind.Tcp);
        var first = await StreamPeer.ConnectAsync(tcp);
        await AssertAliveAsync(first);
        await first.DisposeAsync();
        await Eventually.TrueAsync(() => server.Layer.ConnectionCount == 0, "the first connection is closed");

        await using var next = await StreamPeer.ConnectAsync(tcp);

        await AssertAliveAsync(next);
    }

    private static async Task AssertAliveAsync(StreamPeer peer)
    {
        await peer.WriteAsync("\r\n\r\n"u8.ToArray());
        Assert.Equal("\r\n"u8.ToArray(), await peer.ReadBytesAsync(2));
    }
}
