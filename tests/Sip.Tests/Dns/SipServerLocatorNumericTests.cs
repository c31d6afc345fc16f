using Cinema.Sip.Dns;

using Cinema.Sip.Transport;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

/// <summary>RFC 3263 §4.1/§4.2 for numeric hosts and explicit ports.</summary>
public class SipServerLocatorNumericTests
{
    [Fact]
    public async Task Numeric_ipv4_sip_uses_udp_on_5060_without_dns()
    {
        await using var dns = LoopbackDnsServer.Start();
        var locator = TestLocators.For(dns);

        var location = await locator.LocateAsync("192.0.2.10");

        Assert.Equal(["UDP 192.0.2.10:5060"], location.Describe());
        Assert.Null(location.Endpoints[0].TargetHost);
        Assert.Empty(dns.Queries);
    }

    [Fact]
    public async Task Numeric_ipv6_sips_uses_tls_on_5061()
    {
        await using var dns = LoopbackDnsServer.Start();
        var locator = TestLocators.For(dns);

        var location = await locator.LocateAsync("[2001:db8::10]", secure: true);

        Assert.Equal(["TLS [2001:db8::10]:5061"], location.Describe());
        Assert.Empty(dns.Queries);
    }

    [Theory]
    [InlineData("udp", false, "UDP 192.0.2.10:5060")]
    [InlineData("tcp", false, "TCP 192.0.2.10:5060")]
    [InlineData("TLS", false, "TLS 192.0.2.10:5061")]
    [InlineData("tcp", true, "TLS 192.0.2.10:5061")]
    public async Task Numeric_host_takes_transport_from_the_parameter(string transport, bool secure, string expected)
    {
        await using var dns = LoopbackDnsServer.Start();

        var location = await TestLocators.For(dns).LocateAsync("192.0.2.10", transport: transport, secure: secure);

        Assert.Equal([expected], location.Describe());
    }

    [Fact]
    public async Task Numeric_host_keeps_an_explicit_port()
    {
        await using var dns = LoopbackDnsServer.Start();

        var location = await TestLocators.For(dns).LocateAsync("[::1]", port: 5080, transport: "tcp");

        Assert.Equal(["TCP [::1]:5080"], location.Describe());
    }

    [Fact]
    public async Task Explicit_port_on_a_name_looks_up_addresses_only()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20")
            .AddAaaa("pbx.example.test", "2001:db8::20")
            .AddNaptr("pbx.example.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.pbx.example.test")
            .AddSrv("_sip._tcp.pbx.example.test", 10, 10, 5090, "other.example.test");

        var location = await TestLocators.For(dns).LocateAsync("pbx.example.test", port: 5070);

        Assert.Equal(["UDP 192.0.2.20:5070", "UDP [2001:db8::20]:5070"], location.Describe());
        Assert.Equal("pbx.example.test", location.Endpoints[0].TargetHost);
        Assert.All(dns.Queries, q => Assert.Equal("pbx.example.test", q.Name));
        Assert.Equal(0, dns.QueryCount("pbx.example.test", DnsClient.QueryType.NAPTR));
    }

    [Fact]
    public async Task Explicit_port_on_a_sips_name_uses_tls()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20");

        var location = await TestLocators.For(dns).LocateAsync("pbx.example.test", port: 5071, secure: true);

        Assert.Equal(["TLS 192.0.2.20:5071"], location.Describe());
    }

    [Fact]
    public async Task Ipv6_preference_puts_aaaa_addresses_first()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20").AddAaaa("pbx.example.test", "2001:db8::20");
        var locator = TestLocators.For(dns, configure: o => o.AddressFamilyPreference = SipAddressFamilyPreference.PreferIPv6);

        var location = await locator.LocateAsync("pbx.example.test", port: 5060);

        Assert.Equal(["UDP [2001:db8::20]:5060", "UDP 192.0.2.20:5060"], location.Describe());
    }

    [Fact]
    public async Task Ipv4_only_skips_aaaa_lookups()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20").AddAaaa("pbx.example.test", "2001:db8::20");
        var locator = TestLocators.For(dns, configure: o => o.AddressFamilyPreference = SipAddressFamilyPreference.IPv4Only);

        var location = await locator.LocateAsync("pbx.example.test", port: 5060);

        Assert.Equal(["UDP 192.0.2.20:5060"], location.Describe());
        Assert.Equal(0, dns.QueryCount("pbx.example.test", DnsClient.QueryType.AAAA));
    }

    [Theory]
    [InlineData("sctp", false)]
    [InlineData("ws", false)]
    [InlineData("udp", true)]
    public async Task Unusable_transport_parameter_is_reported(string transport, bool secure)
    {
        await using var dns = LoopbackDnsServer.Start();

        var location = await TestLocators.For(dns).LocateAsync("pbx.example.test", transport: transport, secure: secure);

        Assert.False(location.Succeeded);
        Assert.Equal(SipLocationError.UnsupportedTransport, location.Error);
        Assert.Contains(transport, location.Reason, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(dns.Queries);
    }

    [Fact]
    public async Task Disabled_transport_parameter_is_reported()
    {
        await using var dns = LoopbackDnsServer.Start();
        var locator = TestLocators.For(dns, configure: o => o.Transports.Remove(SipTransportKind.Tcp));

        var location = await locator.LocateAsync("pbx.example.test", transport: "tcp");

        Assert.Equal(SipLocationError.UnsupportedTransport, location.Error);
    }

    [Fact]
    public async Task Empty_host_is_an_invalid_target()
    {
        await using var dns = LoopbackDnsServer.Start();

        var location = await TestLocators.For(dns).LocateAsync(" ");

        Assert.Equal(SipLocationError.InvalidTarget, location.Error);
    }
}
