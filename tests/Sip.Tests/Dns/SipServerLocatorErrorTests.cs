using System.Diagnostics;
using Cinema.Sip.Dns;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

/// <summary>Failures come back as reasons, never as exceptions or hangs.</summary>
public class SipServerLocatorErrorTests
{
    [Fact]
    public async Task Unknown_name_reports_nxdomain()
    {
        await using var dns = LoopbackDnsServer.Start();

        var location = await TestLocators.For(dns).LocateAsync("nowhere.example.test");

        Assert.False(location.Succeeded);
        Assert.Empty(location.Endpoints);
        Assert.Equal(SipLocationError.NameNotFound, location.Error);
        Assert.Contains("nowhere.example.test", location.Reason, StringComparison.Ordinal);
        Assert.Contains("NXDOMAIN", location.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Name_without_address_records_reports_no_addresses()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddNaptr("example.test", 10, 10, "s", "SIP+D2X", "_sip._x.example.test");

        var location = await TestLocators.For(dns).LocateAsync("example.test");

        Assert.Equal(SipLocationError.NoAddresses, location.Error);
        Assert.Contains("example.test", location.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_name_is_an_invalid_target()
    {
        await using var dns = LoopbackDnsServer.Start();

        var location = await TestLocators.For(dns).LocateAsync(new string('a', 70) + ".example.test");

        Assert.Equal(SipLocationError.InvalidTarget, location.Error);
        Assert.Empty(dns.Queries);
    }

    [Fact]
    public async Task Unanswered_queries_report_a_timeout_within_bounded_time()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.Ignore("slow.example.test");
        var locator = TestLocators.For(dns);
        var clock = Stopwatch.StartNew();

        var location = await locator.LocateAsync("slow.example.test", port: 5060);

        Assert.Equal(SipLocationError.Timeout, location.Error);
        Assert.Contains("slow.example.test", location.Reason, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(4), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Resolution_timeout_bounds_the_whole_lookup()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.Ignore("slow.example.test");
        var locator = TestLocators.For(dns, configure: o =>
        {
            o.QueryTimeout = TimeSpan.FromSeconds(30);
            o.ResolutionTimeout = TimeSpan.FromMilliseconds(300);
        });
        var clock = Stopwatch.StartNew();

        var location = await locator.LocateAsync("slow.example.test");

        Assert.Equal(SipLocationError.Timeout, location.Error);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
    }

    [Fact]
    public async Task Server_failure_is_reported()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.SetResponseCode("broken.example.test", 2);

        var location = await TestLocators.For(dns).LocateAsync("broken.example.test", port: 5060);

        Assert.Equal(SipLocationError.DnsFailure, location.Error);
        Assert.Contains("broken.example.test", location.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Caller_cancellation_is_an_exception()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.Ignore("slow.example.test");
        var locator = TestLocators.For(dns, configure: o => o.QueryTimeout = TimeSpan.FromSeconds(30));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(100));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => locator.LocateAsync(SipTarget.Create("slow.example.test"), cancel.Token));
    }

    [Fact]
    public async Task Dead_name_server_is_a_timeout_not_an_exception()
    {
        // Bind and release a port so nothing listens there.
        int port;
        using (var probe = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0)))
        {
            port = ((System.Net.IPEndPoint)probe.Client.LocalEndPoint!).Port;
        }

        var options = new SipServerLocatorOptions { QueryTimeout = TimeSpan.FromMilliseconds(200), QueryRetries = 0 };
        options.NameServers.Add(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port));
        var locator = new SipServerLocator(options);

        var location = await locator.LocateAsync(SipTarget.Create("example.test"), TestContext.Current.CancellationToken);

        Assert.False(location.Succeeded);
        Assert.True(location.Error is SipLocationError.Timeout or SipLocationError.DnsFailure, location.ToString());
    }
}
