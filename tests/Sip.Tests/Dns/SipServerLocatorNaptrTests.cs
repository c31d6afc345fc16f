using Cinema.Sip.Dns;
using DnsClient;

using Cinema.Sip.Transport;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

/// <summary>RFC 3263 §4.1 transport discovery: NAPTR, then SRV per transport, then A/AAAA.</summary>
public class SipServerLocatorNaptrTests
{
    private static LoopbackDnsServer WithTransportTargets(LoopbackDnsServer dns) =>
        dns.AddSrv("_sip._udp.example.test", 10, 0, 5060, "udp.example.test")
            .AddSrv("_sip._tcp.example.test", 10, 0, 5060, "tcp.example.test")
            .AddSrv("_sips._tcp.example.test", 10, 0, 5061, "tls.example.test")
            .AddA("udp.example.test", "192.0.2.1")
            .AddA("tcp.example.test", "192.0.2.2")
            .AddA("tls.example.test", "192.0.2.3");

    [Fact]
    public async Task Naptr_records_are_followed_in_order_then_preference()
    {
        await using var dns = WithTransportTargets(LoopbackDnsServer.Start());
        dns.AddNaptr("example.test", 20, 10, "s", "SIP+D2U", "_sip._udp.example.test")
            .AddNaptr("example.test", 10, 50, "s", "SIP+D2T", "_sip._tcp.example.test")
            .AddNaptr("example.test", 10, 20, "S", "SIPS+D2T", "_sips._tcp.example.test");

        var location = await TestLocators.For(dns).LocateAsync("example.test");

        Assert.Equal(["TLS 192.0.2.3:5061", "TCP 192.0.2.2:5060", "UDP 192.0.2.1:5060"], location.Describe());
        Assert.All(location.Endpoints, e => Assert.Equal("example.test", e.TargetHost));
    }

    [Fact]
    public async Task Naptr_services_and_flags_we_do_not_support_are_ignored()
    {
        await using var dns = WithTransportTargets(LoopbackDnsServer.Start());
        dns.AddNaptr("example.test", 10, 10, "s", "SIP+D2S", "_sip._sctp.example.test")
            .AddNaptr("example.test", 10, 20, "s", "SIP+D2W", "_sip._ws.example.test")
            .AddNaptr("example.test", 10, 30, "u", "SIP+D2U", "_sip._udp.example.test")
            .AddNaptr("example.test", 10, 40, "s", "E2U+sip", "_sip._udp.example.test")
            .AddNaptr("example.test", 20, 10, "s", "SIP+D2T", "_sip._tcp.example.test");

        var location = await TestLocators.For(dns).LocateAsync("example.test");

        Assert.Equal(["TCP 192.0.2.2:5060"], location.Describe());
        Assert.Equal(0, dns.QueryCount("_sip._sctp.example.test", QueryType.SRV));
    }

    [Fact]
    public async Task Naptr_for_a_disabled_transport_is_ignored()
    {
        await using var dns = WithTransportTargets(LoopbackDnsServer.Start());
        dns.AddNaptr("example.test", 10, 10, "s", "SIP+D2U", "_sip._udp.example.test")
            .AddNaptr("example.test", 20, 10, "s", "SIP+D2T", "_sip._tcp.example.test");
        var locator = TestLocators.For(dns, configure: o => o.Transports.Remove(SipTransportKind.Udp));

        var location = await locator.LocateAsync("example.test");

        Assert.Equal(["TCP 192.0.2.2:5060"], location.Describe());
    }

    [Fact]
    public async Task Sips_uri_only_uses_tls_naptr_services()
    {
        await using var dns = WithTransportTargets(LoopbackDnsServer.Start());
        dns.AddNaptr("example.test", 10, 10, "s", "SIP+D2U", "_sip._udp.example.test")
            .AddNaptr("example.test", 10, 20, "s", "SIP+D2T", "_sip._tcp.example.test")
            .AddNaptr("example.test", 30, 10, "s", "SIPS+D2T", "_sips._tcp.example.test");

        var location = await TestLocators.For(dns).LocateAsync("example.test", secure: true);

        Assert.Equal(["TLS 192.0.2.3:5061"], location.Describe());
        Assert.Equal(0, dns.QueryCount("_sip._udp.example.test", QueryType.SRV));
    }

    [Fact]
    public async Task Naptr_whose_srv_is_missing_moves_on_to_the_next_naptr()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddNaptr("example.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.example.test")
            .AddNaptr("example.test", 20, 10, "s", "SIP+D2U", "_sip._udp.example.test")
            .AddSrv("_sip._udp.example.test", 10, 0, 5066, "udp.example.test")
            .AddA("udp.example.test", "192.0.2.1");

        var location = await TestLocators.For(dns).LocateAsync("example.test");

        Assert.Equal(["UDP 192.0.2.1:5066"], location.Describe());
    }

    [Fact]
    public async Task Naptr_without_any_srv_falls_back_to_addresses_with_the_naptr_transport()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddNaptr("example.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.example.test").AddA("example.test", "192.0.2.5");

        var location = await TestLocators.For(dns).LocateAsync("example.test");

        Assert.Equal(["TCP 192.0.2.5:5060"], location.Describe());
    }

    [Fact]
    public async Task Without_naptr_srv_is_queried_for_each_transport_in_preference_order()
    {
        await using var dns = WithTransportTargets(LoopbackDnsServer.Start());
        dns.AddA("example.test", "192.0.2.99");
        var locator = TestLocators.For(dns, configure: o =>
        {
            o.Transports.Clear();
            o.Transports.Add(SipTransportKind.Tcp);
            o.Transports.Add(SipTransportKind.Udp);
            o.Transports.Add(SipTransportKind.Tls);
        });

        var location = await locator.LocateAsync("example.test");

        Assert.Equal(["TCP 192.0.2.2:5060", "UDP 192.0.2.1:5060", "TLS 192.0.2.3:5061"], location.Describe());
        Assert.Equal(1, dns.QueryCount("example.test", QueryType.NAPTR));
        Assert.Equal(0, dns.QueryCount("example.test", QueryType.A));
    }

    [Fact]
    public async Task Without_naptr_a_root_srv_target_only_removes_that_transport()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 0, 0, 0, ".")
            .AddSrv("_sip._tcp.example.test", 10, 0, 5060, "tcp.example.test")
            .AddA("tcp.example.test", "192.0.2.2");

        var location = await TestLocators.For(dns).LocateAsync("example.test");

        Assert.Equal(["TCP 192.0.2.2:5060"], location.Describe());
    }

    [Fact]
    public async Task Sips_without_naptr_queries_only_the_sips_service()
    {
        await using var dns = WithTransportTargets(LoopbackDnsServer.Start());

        var location = await TestLocators.For(dns).LocateAsync("example.test", secure: true);

        Assert.Equal(["TLS 192.0.2.3:5061"], location.Describe());
        Assert.Equal(0, dns.QueryCount("_sip._udp.example.test", QueryType.SRV));
        Assert.Equal(0, dns.QueryCount("_sip._tcp.example.test", QueryType.SRV));
    }

    [Fact]
    public async Task Without_naptr_or_srv_a_sip_uri_uses_udp_on_5060()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("example.test", "192.0.2.5").AddAaaa("example.test", "2001:db8::5");

        var location = await TestLocators.For(dns).LocateAsync("example.test");

        Assert.Equal(["UDP 192.0.2.5:5060", "UDP [2001:db8::5]:5060"], location.Describe());
    }

    [Fact]
    public async Task Without_naptr_or_srv_a_sips_uri_uses_tls_on_5061()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddAaaa("example.test", "2001:db8::5");

        var location = await TestLocators.For(dns).LocateAsync("example.test", secure: true);

        Assert.Equal(["TLS [2001:db8::5]:5061"], location.Describe());
    }

    [Fact]
    public async Task Targets_shared_by_several_services_are_looked_up_once()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 10, 0, 5060, "sip.example.test")
            .AddSrv("_sip._tcp.example.test", 10, 0, 5060, "sip.example.test")
            .AddA("sip.example.test", "192.0.2.1");
        var locator = TestLocators.For(dns, configure: o => o.UseCache = false);

        var location = await locator.LocateAsync("example.test");

        Assert.Equal(["UDP 192.0.2.1:5060", "TCP 192.0.2.1:5060"], location.Describe());
        Assert.Equal(1, dns.QueryCount("sip.example.test", QueryType.A));
    }
}
