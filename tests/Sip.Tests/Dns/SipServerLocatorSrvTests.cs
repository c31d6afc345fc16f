using Cinema.Sip.Dns;
using DnsClient;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

/// <summary>RFC 3263 §4.2 with an explicit transport, and RFC 2782 ordering.</summary>
public class SipServerLocatorSrvTests
{
    [Fact]
    public async Task Transport_parameter_queries_srv_for_that_transport_only()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._tcp.example.test", 10, 0, 5070, "sip1.example.test")
            .AddSrv("_sip._udp.example.test", 10, 0, 5080, "sip2.example.test")
            .AddNaptr("example.test", 10, 10, "s", "SIP+D2U", "_sip._udp.example.test")
            .AddA("sip1.example.test", "192.0.2.1")
            .AddA("sip2.example.test", "192.0.2.2");

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "tcp");

        Assert.Equal(["TCP 192.0.2.1:5070"], location.Describe());
        Assert.Equal(0, dns.QueryCount("example.test", QueryType.NAPTR));
        Assert.Equal(0, dns.QueryCount("_sip._udp.example.test", QueryType.SRV));
    }

    [Fact]
    public async Task Tls_transport_on_a_sip_uri_uses_the_sips_service()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sips._tcp.example.test", 10, 0, 5061, "sip1.example.test").AddA("sip1.example.test", "192.0.2.1");

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "tls");

        Assert.Equal(["TLS 192.0.2.1:5061"], location.Describe());
        Assert.Equal("example.test", location.Endpoints[0].TargetHost);
    }

    [Fact]
    public async Task Transport_parameter_without_srv_falls_back_to_addresses_on_the_default_port()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("example.test", "192.0.2.5");

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "tcp");

        Assert.Equal(["TCP 192.0.2.5:5060"], location.Describe());
        Assert.Equal(1, dns.QueryCount("_sip._tcp.example.test", QueryType.SRV));
    }

    [Fact]
    public async Task Srv_records_are_ordered_by_priority_then_weight()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 20, 0, 5060, "backup.example.test")
            .AddSrv("_sip._udp.example.test", 10, 10, 5060, "a.example.test")
            .AddSrv("_sip._udp.example.test", 10, 90, 5060, "b.example.test")
            .AddA("a.example.test", "192.0.2.1")
            .AddA("b.example.test", "192.0.2.2")
            .AddA("backup.example.test", "192.0.2.3");

        // Priority 10 first. Weights 10 and 90 give running sums 10 and 100: a draw of 10 picks "a".
        var picksA = await TestLocators.For(dns, new ScriptedRandom(10)).LocateAsync("example.test", transport: "udp");

        // A draw of 11 picks "b".
        var picksB = await TestLocators.For(dns, new ScriptedRandom(11)).LocateAsync("example.test", transport: "udp");

        Assert.Equal(["UDP 192.0.2.1:5060", "UDP 192.0.2.2:5060", "UDP 192.0.2.3:5060"], picksA.Describe());
        Assert.Equal(["UDP 192.0.2.2:5060", "UDP 192.0.2.1:5060", "UDP 192.0.2.3:5060"], picksB.Describe());
    }

    [Fact]
    public async Task Every_address_of_a_target_is_listed_in_family_order()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 10, 0, 5062, "sip.example.test")
            .AddAaaa("sip.example.test", "2001:db8::1")
            .AddA("sip.example.test", "192.0.2.1")
            .AddA("sip.example.test", "192.0.2.2");

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "udp");

        Assert.Equal(["UDP 192.0.2.1:5062", "UDP 192.0.2.2:5062", "UDP [2001:db8::1]:5062"], location.Describe());
    }

    [Fact]
    public async Task Addresses_in_the_additional_section_are_used_without_another_query()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 10, 0, 5060, "sip.example.test")
            .AddAdditional("_sip._udp.example.test", LoopbackDnsRecord.A("sip.example.test", "192.0.2.77"));

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "udp");

        Assert.Equal(["UDP 192.0.2.77:5060"], location.Describe());
        Assert.Equal(0, dns.QueryCount("sip.example.test", QueryType.A));
        Assert.Equal(0, dns.QueryCount("sip.example.test", QueryType.AAAA));
    }

    [Fact]
    public async Task Root_target_means_the_service_is_not_available()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._tcp.example.test", 0, 0, 0, ".").AddA("example.test", "192.0.2.5");

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "tcp");

        Assert.False(location.Succeeded);
        Assert.Equal(SipLocationError.ServiceNotAvailable, location.Error);
        Assert.Contains("_sip._tcp.example.test", location.Reason, StringComparison.Ordinal);

        // RFC 2782: "decidedly not available" rules out falling back to the A record.
        Assert.Equal(0, dns.QueryCount("example.test", QueryType.A));
    }

    [Fact]
    public async Task Srv_target_that_does_not_resolve_is_skipped()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 10, 0, 5060, "gone.example.test")
            .AddSrv("_sip._udp.example.test", 20, 0, 5060, "alive.example.test")
            .AddA("alive.example.test", "192.0.2.9");

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "udp");

        Assert.Equal(["UDP 192.0.2.9:5060"], location.Describe());
    }

    [Fact]
    public async Task Srv_records_whose_targets_all_fail_do_not_fall_back_to_the_domain()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 10, 0, 5060, "gone.example.test").AddA("example.test", "192.0.2.5");

        var location = await TestLocators.For(dns).LocateAsync("example.test", transport: "udp");

        Assert.Equal(SipLocationError.NameNotFound, location.Error);
        Assert.Contains("gone.example.test", location.Reason, StringComparison.Ordinal);
        Assert.Equal(0, dns.QueryCount("example.test", QueryType.A));
    }
}
