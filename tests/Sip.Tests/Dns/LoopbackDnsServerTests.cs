using DnsClient;
using DnsClient.Protocol;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

/// <summary>The test DNS server itself, checked with DnsClient as an independent decoder.</summary>
public class LoopbackDnsServerTests
{
    private static LookupClient ClientFor(LoopbackDnsServer dns) =>
        new(new LookupClientOptions(dns.EndPoint) { UseCache = false, Timeout = TimeSpan.FromSeconds(1), Retries = 0, ThrowDnsErrors = false });

    [Fact]
    public async Task Serves_naptr_records_field_by_field()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddNaptr("Example.Test", 10, 20, "s", "SIPS+D2T", "_sips._tcp.example.test");

        var response = await ClientFor(dns).QueryAsync("example.test", QueryType.NAPTR, cancellationToken: TestContext.Current.CancellationToken);

        var record = Assert.IsType<NAPtrRecord>(Assert.Single(response.Answers));
        Assert.Equal((10, 20, "s", "SIPS+D2T", "_sips._tcp.example.test."), (record.Order, record.Preference, record.Flags, record.Services, record.Replacement.Value));
    }

    [Fact]
    public async Task Serves_srv_records_with_additional_addresses()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.example.test", 1, 2, 5060, "sip.example.test", ttl: 42)
            .AddAdditional("_sip._udp.example.test", LoopbackDnsRecord.Aaaa("sip.example.test", "2001:db8::1"));

        var response = await ClientFor(dns).QueryAsync("_sip._udp.example.test", QueryType.SRV, cancellationToken: TestContext.Current.CancellationToken);

        var srv = Assert.IsType<SrvRecord>(Assert.Single(response.Answers));
        Assert.Equal((1, 2, 5060, "sip.example.test.", 42), (srv.Priority, srv.Weight, srv.Port, srv.Target.Value, srv.InitialTimeToLive));
        var aaaa = Assert.IsType<AaaaRecord>(Assert.Single(response.Additionals));
        Assert.Equal("2001:db8::1", aaaa.Address.ToString());
    }

    [Fact]
    public async Task Distinguishes_nxdomain_from_nodata()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("example.test", "192.0.2.1");
        var client = ClientFor(dns);

        var missing = await client.QueryAsync("missing.example.test", QueryType.A, cancellationToken: TestContext.Current.CancellationToken);
        var noData = await client.QueryAsync("example.test", QueryType.AAAA, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(DnsHeaderResponseCode.NotExistentDomain, missing.Header.ResponseCode);
        Assert.False(noData.HasError);
        Assert.Empty(noData.Answers);
    }

    [Fact]
    public async Task Records_every_question()
    {
        await using var dns = LoopbackDnsServer.Start();

        await ClientFor(dns).QueryAsync("A.Example.Test.", QueryType.SRV, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([new LoopbackDnsQuery("a.example.test", QueryType.SRV)], dns.Queries);
        Assert.Equal(1, dns.QueryCount("a.example.test.", QueryType.SRV));
    }

    [Fact]
    public async Task Listens_on_ipv6_loopback_too()
    {
        await using var dns = LoopbackDnsServer.Start(System.Net.IPAddress.IPv6Loopback);
        dns.AddA("example.test", "192.0.2.1");

        var response = await ClientFor(dns).QueryAsync("example.test", QueryType.A, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Single(response.Answers);
    }

    [Fact]
    public void Refuses_non_loopback_addresses()
    {
        Assert.Throws<ArgumentException>(() => LoopbackDnsServer.Start(System.Net.IPAddress.Any));
    }
}
