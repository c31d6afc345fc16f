using System.Net;
using System.Net.Sockets;
using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Transport;

public class TcpTransportTests
{
    private static readonly byte[] Ok = SipText.Response("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-ok");

    [Fact]
    public async Task A_response_goes_back_on_the_connection_the_request_came_on()
    {
        await using var server = await RunningTransport.StartAsync();
        var tcp = server.Endpoint(SipTransportKind.Tcp);
        await using var phone = await StreamPeer.ConnectAsync(tcp);
        await phone.WriteAsync(SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1"));
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        Assert.Equal(SipText.Text(Ok), await phone.ReadMessageAsync());
        Assert.Equal(new SipEndPoint(SipTransportKind.Tcp, phone.LocalEndPoint), inbound.Source);
        Assert.Equal(tcp, inbound.Local);
        Assert.NotEqual(0, inbound.ConnectionId);
    }

    [Fact]
    public async Task A_response_opens_a_new_connection_to_the_via_when_the_request_connection_is_gone()
    {
        await using var server = await RunningTransport.StartAsync();
        using var phoneListener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        phoneListener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        phoneListener.Listen();
        var phonePort = ((IPEndPoint)phoneListener.LocalEndPoint!).Port;
        var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        await phone.WriteAsync(SipText.Request($"SIP/2.0/TCP 127.0.0.1:{phonePort};branch=z9hG4bK-1"));
        var inbound = await server.NextAsync();
        await phone.DisposeAsync();
        await Eventually.TrueAsync(() => server.Layer.ConnectionCount == 0, "the server sees the connection closed");

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.True(result.Sent, result.Error);
        using var accepted = await phoneListener.AcceptAsync(TestContext.Current.CancellationToken);
        await using var again = StreamPeer.Accepted(accepted);
        Assert.Equal(SipText.Text(Ok), await again.ReadMessageAsync());
    }

    [Fact]
    public async Task A_message_split_over_several_writes_is_reassembled()
    {
        await using var server = await RunningTransport.StartAsync();
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        var request = SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1", body: "v=0\r\n");

        await phone.WriteAsync(request[..10]);
        await phone.WriteAsync(request[10..^3]);
        await phone.WriteAsync(request[^3..]);
        var inbound = await server.NextAsync();

        Assert.Equal(request, inbound.Message.Buffer.ToArray());
        Assert.Equal("v=0\r\n"u8.ToArray(), inbound.Message.Body.ToArray());
    }

    [Fact]
    public async Task Several_messages_in_one_write_are_delivered_in_order()
    {
        await using var server = await RunningTransport.StartAsync();
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));

        await phone.WriteAsync([
            .. SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1", "first"),
            .. SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-2", "second", body: "hello"),
            .. SipText.Response("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-3", "third")]);

        Assert.Equal("first", (await server.NextAsync()).Message.CallId);
        Assert.Equal("second", (await server.NextAsync()).Message.CallId);
        Assert.Equal("third", (await server.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task A_crlfcrlf_ping_is_answered_with_a_crlf_pong()
    {
        await using var server = await RunningTransport.StartAsync();
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));

        await phone.WriteAsync("\r\n\r\n"u8.ToArray());

        Assert.Equal("\r\n"u8.ToArray(), await phone.ReadBytesAsync(2));
    }

    [Fact]
    public async Task A_malformed_request_is_answered_on_the_connection_which_stays_open()
    {
        await using var server = await RunningTransport.StartAsync();
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));

        await phone.WriteAsync(SipText.MalformedRequest("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1", "bad", padding: 0));
        var answer = await phone.ReadMessageAsync();
        await phone.WriteAsync(SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-2", "good"));

        Assert.StartsWith("SIP/2.0 400 ", answer, StringComparison.Ordinal);
        Assert.Equal("good", (await server.NextAsync()).Message.CallId);
    }

    [Fact]
    public async Task A_stream_that_cannot_be_framed_is_closed()
    {
        await using var server = await RunningTransport.StartAsync();
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));

        // RFC 3261 §18.3: Content-Length is mandatory on a stream.
        await phone.WriteAsync("OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:9\r\n\r\n"u8.ToArray());

        Assert.True(await phone.ClosedByPeerAsync());
        await Eventually.TrueAsync(() => server.Layer.ConnectionCount == 0, "the connection is forgotten");
    }

    [Fact]
    public async Task Requests_to_the_same_destination_reuse_one_connection_both_ways()
    {
        await using var client = await RunningTransport.StartAsync();
        await using var server = await RunningTransport.StartAsync();
        var tcp = server.Endpoint(SipTransportKind.Tcp);
        var ct = TestContext.Current.CancellationToken;

        var first = await client.Layer.SendRequestAsync(tcp, SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1", "one"), ct);
        var second = await client.Layer.SendRequestAsync(tcp, SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-2", "two"), ct);
        var one = await server.NextAsync();
        var two = await server.NextAsync();
        // The server reaches the client over the connection the client opened (it is in the table by its remote address).
        var back = await server.Layer.SendRequestAsync(one.Source, SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-3", "back"), ct);
        var backInbound = await client.NextAsync();

        Assert.True(first.Sent && second.Sent && back.Sent);
        Assert.Equal(one.ConnectionId, two.ConnectionId);
        Assert.Equal("back", backInbound.Message.CallId);
        Assert.Equal(tcp, backInbound.Source);
        Assert.Equal(1, client.Layer.ConnectionCount);
        Assert.Equal(1, server.Layer.ConnectionCount);
    }

    [Fact]
    public async Task Concurrent_requests_to_a_new_destination_open_one_connection()
    {
        await using var client = await RunningTransport.StartAsync();
        await using var server = await RunningTransport.StartAsync();
        var tcp = server.Endpoint(SipTransportKind.Tcp);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            client.Layer.SendRequestAsync(tcp, SipText.Request($"SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-{i}", $"c{i}"), TestContext.Current.CancellationToken).AsTask()));
        for (var i = 0; i < 8; i++) await server.NextAsync();

        Assert.All(results, r => Assert.True(r.Sent, r.Error));
        Assert.Equal(1, client.Layer.ConnectionCount);
    }

    [Fact]
    public async Task Tcp_works_over_ipv6_loopback()
    {
        await using var server = await RunningTransport.StartAsync(RunningTransport.Loopback("tcp:[::1]:0"));
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp, AddressFamily.InterNetworkV6));
        await phone.WriteAsync(SipText.Request("SIP/2.0/TCP [::1]:9;branch=z9hG4bK-1"));
        var inbound = await server.NextAsync();

        var result = await server.Layer.SendResponseAsync(inbound, Ok, TestContext.Current.CancellationToken);

        Assert.Equal(IPAddress.IPv6Loopback, inbound.Source.Address.Address);
        Assert.True(result.Sent, result.Error);
        Assert.Equal(SipText.Text(Ok), await phone.ReadMessageAsync());
    }

    [Fact]
    public async Task A_refused_connection_is_reported_as_a_failed_send()
    {
        await using var client = await RunningTransport.StartAsync();
        var closedPort = ClosedTcpPort();

        var result = await client.Layer.SendRequestAsync(new SipEndPoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Loopback, closedPort)),
            SipText.Request("SIP/2.0/TCP 127.0.0.1:9;branch=z9hG4bK-1"), TestContext.Current.CancellationToken);

        Assert.False(result.Sent);
        Assert.Contains("ConnectionRefused", result.Error, StringComparison.Ordinal);
        Assert.Equal(0, client.Layer.ConnectionCount);
    }

    /// <summary>A loopback port nothing listens on (bound then released).</summary>
    internal static int ClosedTcpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }
}
