using Cinema.Sip.Messages;

namespace Cinema.Sip.Tests.Messages;

public class ViaTests
{
    [Fact]
    public void Via_parameters_are_read()
    {
        Assert.True(Via.TryParse("SIP/2.0/udp client.example.com:5062;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5070;maddr=224.2.0.1;ttl=16", out var via, out var error), error);
        Assert.Equal("SIP/2.0", via!.Protocol);
        Assert.Equal("UDP", via.Transport);
        Assert.Equal("client.example.com", via.Host);
        Assert.Equal(5062, via.Port);
        Assert.Equal("z9hG4bK776asdhds", via.Branch);
        Assert.True(via.HasRfc3261Branch);
        Assert.Equal("192.0.2.1", via.Received);
        Assert.Equal(5070, via.RPort);
        Assert.True(via.HasRPort);
        Assert.Equal("224.2.0.1", via.Maddr);
        Assert.Equal(16, via.Ttl);
        Assert.Equal("client.example.com:5062", via.SentBy);
    }

    [Fact]
    public void Empty_rport_asks_for_symmetric_response_routing()
    {
        Assert.True(Via.TryParse("SIP/2.0/UDP 10.0.0.1;rport;branch=z9hG4bKx", out var via, out _));
        Assert.True(via!.HasRPort);
        Assert.Null(via.RPort);
        Assert.Equal("10.0.0.1:5060", via.SentBy);
    }

    [Theory]
    [InlineData("SIP/2.0/UDP", "white space")]
    [InlineData("SIP/2.0 host", "protocol version")]
    [InlineData("SIP/2.0/UDP host:port", "invalid port")]
    [InlineData("SIP/2.0/UDP host:70000", "invalid port")]
    [InlineData("SIP/2.0/UDP host;;branch=x", "empty")]
    [InlineData("SIP/2.0/UDP host, ", "")]
    public void Malformed_via_is_refused(string text, string reason)
    {
        Assert.False(Via.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Written_via_parses_back()
    {
        var via = new Via("tcp", "[2001:db8::1]", 5060).WithParameter("branch", "z9hG4bKabc").WithParameter("rport", null);
        Assert.Equal("SIP/2.0/TCP [2001:db8::1]:5060;branch=z9hG4bKabc;rport", via.ToString());
        Assert.True(Via.TryParse(via.ToString(), out var back, out _));
        Assert.Equal(via.ToString(), back!.ToString());
    }
}
