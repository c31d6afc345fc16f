using System.Net;
using Cinema.Sip.Dns;
using Microsoft.Extensions.Time.Testing;

using Cinema.Sip.Transport;

using Cinema.Tests.Dns;

namespace Cinema.Sip.Tests.Dns;

/// <summary>RFC 3263 §4.3: on a transport error, timeout or 503, try the next endpoint.</summary>
public class SipServerFailoverTests
{
    private static readonly SipServerEndpoint[] _endpoints =
    [
        Endpoint("192.0.2.1"),
        Endpoint("192.0.2.2"),
        Endpoint("192.0.2.3"),
    ];

    private static SipServerEndpoint Endpoint(string address) =>
        new(new IPEndPoint(IPAddress.Parse(address), 5060), SipTransportKind.Udp, "example.test");

    private static List<string> Drain(SipServerFailover failover)
    {
        var order = new List<string>();
        while (failover.TryGetNext(out var endpoint))
        {
            order.Add(endpoint.EndPoint.Address.ToString());
            failover.ReportFailure(SipFailoverCause.Timeout);
        }

        return order;
    }

    [Fact]
    public void Endpoints_are_tried_in_list_order_until_exhausted()
    {
        var failover = new SipServerFailover(_endpoints);

        Assert.Equal(["192.0.2.1", "192.0.2.2", "192.0.2.3"], Drain(failover));
        Assert.Equal(3, failover.Attempts);
        Assert.False(failover.TryGetNext(out _));
    }

    [Fact]
    public void Fail_over_marks_the_failed_endpoint_and_returns_the_next()
    {
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), new FakeTimeProvider());
        var failover = new SipServerFailover(_endpoints, cache);

        Assert.True(failover.TryGetNext(out var first));
        Assert.True(failover.TryFailOver(SipFailoverCause.ServiceUnavailable, out var second));

        Assert.Equal(_endpoints[0], first);
        Assert.Equal(_endpoints[1], second);
        Assert.Equal(SipFailoverCause.ServiceUnavailable, failover.LastFailure);
        Assert.True(cache.IsFailed(_endpoints[0]));
    }

    [Fact]
    public void Recently_failed_endpoints_are_tried_last_by_later_requests()
    {
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), new FakeTimeProvider());
        cache.MarkFailed(_endpoints[0]);

        var order = Drain(new SipServerFailover(_endpoints, cache));

        Assert.Equal(["192.0.2.2", "192.0.2.3", "192.0.2.1"], order);
    }

    [Fact]
    public void Recently_failed_endpoints_can_be_left_out()
    {
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), new FakeTimeProvider());
        cache.MarkFailed(_endpoints[1]);

        var order = Drain(new SipServerFailover(_endpoints, cache) { TryFailedEndpointsLast = false });

        Assert.Equal(["192.0.2.1", "192.0.2.3"], order);
    }

    [Fact]
    public void Endpoint_is_preferred_again_once_its_mark_expires()
    {
        var time = new FakeTimeProvider();
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), time);
        var first = new SipServerFailover(_endpoints, cache);
        Assert.True(first.TryGetNext(out _));
        first.ReportFailure(SipFailoverCause.TransportError);

        var whileMarked = new SipServerFailover(_endpoints, cache);
        Assert.True(whileMarked.TryGetNext(out var duringPenalty));
        time.Advance(TimeSpan.FromSeconds(31));
        var afterExpiry = new SipServerFailover(_endpoints, cache);
        Assert.True(afterExpiry.TryGetNext(out var afterPenalty));

        Assert.Equal(_endpoints[1], duringPenalty);
        Assert.Equal(_endpoints[0], afterPenalty);
    }

    [Fact]
    public void Retry_after_of_a_503_sets_how_long_the_endpoint_is_avoided()
    {
        var time = new FakeTimeProvider();
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(5), time);
        var failover = new SipServerFailover(_endpoints, cache);
        Assert.True(failover.TryGetNext(out _));

        failover.ReportFailure(SipFailoverCause.ServiceUnavailable, retryAfter: TimeSpan.FromSeconds(120));
        time.Advance(TimeSpan.FromSeconds(60));

        Assert.True(cache.IsFailed(_endpoints[0]));
    }

    [Fact]
    public void Success_clears_an_earlier_failure()
    {
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), new FakeTimeProvider());
        cache.MarkFailed(_endpoints[0]);
        var failover = new SipServerFailover([_endpoints[0]], cache);

        Assert.True(failover.TryGetNext(out _));
        failover.ReportSuccess();

        Assert.False(cache.IsFailed(_endpoints[0]));
    }

    [Fact]
    public void Reporting_before_any_attempt_is_an_error()
    {
        var failover = new SipServerFailover(_endpoints);

        Assert.Throws<InvalidOperationException>(() => failover.ReportFailure(SipFailoverCause.Timeout));
    }

    [Theory]
    [InlineData(503, true)]
    [InlineData(500, false)]
    [InlineData(408, false)]
    [InlineData(404, false)]
    public void Only_503_responses_call_for_failover(int status, bool expected)
    {
        Assert.Equal(expected, SipServerFailover.IsFailoverStatus(status));
    }

    [Fact]
    public async Task Failover_walks_srv_targets_located_through_the_loopback_dns()
    {
        await using var dns = LoopbackDnsServer.Start();
        dns.AddSrv("_sip._udp.cluster.test", 10, 0, 5060, "node1.cluster.test")
            .AddSrv("_sip._udp.cluster.test", 20, 0, 5060, "node2.cluster.test")
            .AddA("node1.cluster.test", "127.0.0.11")
            .AddA("node2.cluster.test", "127.0.0.12");
        var location = await TestLocators.For(dns).LocateAsync("cluster.test");
        var failover = new SipServerFailover(location.Endpoints);

        Assert.True(failover.TryGetNext(out var primary));
        Assert.True(failover.TryFailOver(SipFailoverCause.Timeout, out var secondary));

        Assert.Equal("127.0.0.11:5060", primary.EndPoint.ToString());
        Assert.Equal("127.0.0.12:5060", secondary.EndPoint.ToString());
        Assert.False(failover.TryFailOver(SipFailoverCause.Timeout, out _));
    }
}
