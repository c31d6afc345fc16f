using System.Net;
using Cinema.Edge.Sip;
using Cinema.Sip.Transport;

namespace Cinema.Edge.Tests;

/// <summary>Flow tokens in Path and Record-Route name the connection a phone is reached over; nobody else can make one.</summary>
public class FlowTokenTests
{
    private static readonly byte[] Secret = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Theory]
    [InlineData(SipTransportKind.Udp, "192.0.2.7", 5060)]
    [InlineData(SipTransportKind.Tcp, "10.1.2.3", 49152)]
    [InlineData(SipTransportKind.Tls, "2001:db8::42", 5061)]
    public void A_token_names_the_flow_it_was_made_for(SipTransportKind transport, string address, int port)
    {
        var flow = new SipEndPoint(transport, new IPEndPoint(IPAddress.Parse(address), port));
        var tokens = new FlowTokens(Secret);
        Assert.True(tokens.TryRead(tokens.Create(flow), out var read));
        Assert.Equal(flow, read);
    }

    [Fact]
    public void Every_gateway_with_the_cluster_secret_reads_another_gateways_token()
    {
        var flow = new SipEndPoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Parse("198.51.100.9"), 40000));
        Assert.True(new FlowTokens([.. Secret]).TryRead(new FlowTokens(Secret).Create(flow), out var read));
        Assert.Equal(flow, read);
    }

    [Fact]
    public void A_token_made_with_another_secret_or_altered_is_refused()
    {
        var flow = new SipEndPoint(SipTransportKind.Tcp, new IPEndPoint(IPAddress.Parse("198.51.100.9"), 40000));
        var token = new FlowTokens(Secret).Create(flow);
        Assert.False(new FlowTokens([.. Secret.Reverse()]).TryRead(token, out _));

        var altered = token.ToCharArray();
        altered[3] = altered[3] == 'A' ? 'B' : 'A';
        Assert.False(new FlowTokens(Secret).TryRead(new string(altered), out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64 !")]
    [InlineData("AAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Garbage_is_not_a_token(string? token) => Assert.False(new FlowTokens(Secret).TryRead(token, out _));
}
