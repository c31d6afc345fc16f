using System.Net;
using Cinema.Sip.Dns;

namespace Cinema.Sip.Tests.Dns;

public class SipTargetTests
{
    [Theory]
    [InlineData("192.0.2.1", true)]
    [InlineData("[2001:db8::1]", true)]
    [InlineData("2001:db8::1", true)]
    [InlineData("example.com", false)]
    [InlineData("10.1", false)]
    [InlineData("1.2.3.4.example.com", false)]
    [InlineData("[192.0.2.1]", false)]
    public void Create_detects_numeric_hosts(string host, bool numeric)
    {
        Assert.Equal(numeric, SipTarget.Create(host).HostIsNumeric);
    }

    [Fact]
    public void Create_prefers_maddr_over_host()
    {
        var target = SipTarget.Create("example.com", port: 5070, transport: "tcp", secure: false, maddr: "192.0.2.9");

        Assert.Equal(new SipTarget("192.0.2.9", 5070, "tcp", false, true), target);
    }

    [Fact]
    public void Create_without_maddr_uses_host()
    {
        Assert.Equal("example.com", SipTarget.Create("example.com", maddr: "").Host);
    }

    [Fact]
    public void TryParseAddress_strips_brackets_from_ipv6()
    {
        Assert.True(SipTarget.TryParseAddress("[::1]", out var address));
        Assert.Equal(IPAddress.IPv6Loopback, address);
    }
}
