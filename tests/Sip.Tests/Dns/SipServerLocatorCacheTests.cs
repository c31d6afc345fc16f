using Cinema.Sip.Dns;
using DnsClient;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

/// <summary>Answers are cached for their TTL (RFC 1035 §3.2.1).</summary>
public class SipServerLocatorCacheTests
{
    [Fact]
    public async Task Answers_are_served_from_cache_within_their_ttl()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20", ttl: 300);
        var locator = TestLocators.For(dns);

        await locator.LocateAsync("pbx.example.test", port: 5060);
        var second = await locator.LocateAsync("pbx.example.test", port: 5060);

        Assert.Equal(["UDP 192.0.2.20:5060"], second.Describe());
        Assert.Equal(1, dns.QueryCount("pbx.example.test", QueryType.A));
    }

    [Fact]
    public async Task Answers_are_asked_again_after_their_ttl()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20", ttl: 1);
        var locator = TestLocators.For(dns);

        await locator.LocateAsync("pbx.example.test", port: 5060);
        dns.Remove("pbx.example.test").AddA("pbx.example.test", "192.0.2.21", ttl: 1);
        await Task.Delay(TimeSpan.FromMilliseconds(1200), TestContext.Current.CancellationToken);
        var later = await locator.LocateAsync("pbx.example.test", port: 5060);

        Assert.Equal(["UDP 192.0.2.21:5060"], later.Describe());
        Assert.Equal(2, dns.QueryCount("pbx.example.test", QueryType.A));
    }

    [Fact]
    public async Task Cache_can_be_switched_off()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20", ttl: 300);
        var locator = TestLocators.For(dns, configure: o => o.UseCache = false);

        await locator.LocateAsync("pbx.example.test", port: 5060);
        await locator.LocateAsync("pbx.example.test", port: 5060);

        Assert.Equal(2, dns.QueryCount("pbx.example.test", QueryType.A));
    }

    [Fact]
    public async Task Locators_can_share_one_dns_client_and_its_cache()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddA("pbx.example.test", "192.0.2.20", ttl: 300);
        var options = new SipServerLocatorOptions { QueryTimeout = TimeSpan.FromMilliseconds(300), QueryRetries = 0 };
        options.NameServers.Add(dns.EndPoint);
        var client = SipServerLocator.CreateLookupClient(options);

        await new SipServerLocator(client, options).LocateAsync("pbx.example.test", port: 5060);
        await new SipServerLocator(client, options).LocateAsync("pbx.example.test", port: 5060);

        Assert.Equal(1, dns.QueryCount("pbx.example.test", QueryType.A));
    }
}
