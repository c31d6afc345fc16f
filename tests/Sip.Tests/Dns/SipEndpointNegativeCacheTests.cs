using System.Net;
using Cinema.Sip.Dns;
using Microsoft.Extensions.Time.Testing;

using Cinema.Sip.Transport;

namespace Cinema.Sip.Tests.Dns;

public class SipEndpointNegativeCacheTests
{
    private static readonly SipServerEndpoint _endpoint = new(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5060), SipTransportKind.Udp, "example.test");

    [Fact]
    public void Failed_endpoint_is_remembered_until_the_duration_passes()
    {
        var time = new FakeTimeProvider();
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), time);

        cache.MarkFailed(_endpoint);
        time.Advance(TimeSpan.FromSeconds(29));
        var stillFailed = cache.IsFailed(_endpoint);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(stillFailed);
        Assert.False(cache.IsFailed(_endpoint));
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void Explicit_duration_overrides_the_default()
    {
        var time = new FakeTimeProvider();
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), time);

        cache.MarkFailed(_endpoint, TimeSpan.FromSeconds(120));
        time.Advance(TimeSpan.FromSeconds(60));

        Assert.True(cache.IsFailed(_endpoint));
    }

    [Fact]
    public void A_shorter_mark_does_not_shorten_a_longer_one()
    {
        var time = new FakeTimeProvider();
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(5), time);

        cache.MarkFailed(_endpoint, TimeSpan.FromSeconds(60));
        cache.MarkFailed(_endpoint);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(cache.IsFailed(_endpoint));
    }

    [Fact]
    public void Success_clears_the_mark()
    {
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), new FakeTimeProvider());

        cache.MarkFailed(_endpoint);
        cache.MarkSucceeded(_endpoint);

        Assert.False(cache.IsFailed(_endpoint));
    }

    [Fact]
    public void Marks_are_per_address_port_and_transport_but_not_tls_name()
    {
        var cache = new SipEndpointNegativeCache(TimeSpan.FromSeconds(30), new FakeTimeProvider());

        cache.MarkFailed(_endpoint);

        Assert.True(cache.IsFailed(_endpoint with { TargetHost = "other.test" }));
        Assert.False(cache.IsFailed(_endpoint with { Transport = SipTransportKind.Tcp }));
        Assert.False(cache.IsFailed(_endpoint with { EndPoint = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 5070) }));
    }
}
