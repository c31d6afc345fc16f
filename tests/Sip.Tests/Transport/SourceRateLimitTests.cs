using System.Net;
using System.Net.Sockets;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transport;

/// <summary>
/// The per-source rate limit in the transport, over real sockets. The clock is fake and never moved, so no bucket
/// refills during a test: what is let in is exactly the burst.
/// </summary>
public class SourceRateLimitTests
{
    private static readonly SourceRateLimit FiveAtOnce = new() { RequestsPerSecond = 1, Burst = 5 };

    [Fact]
    public async Task Udp_requests_over_the_burst_are_dropped_while_another_source_gets_in()
    {
        var options = RunningTransport.Loopback("udp:127.0.0.1:0", "udp:[::1]:0") with { SourceRateLimit = FiveAtOnce };
        await using var server = await RunningTransport.StartAsync(options, new FakeTimeProvider());
        using var phone = new UdpPeer();
        using var other = new UdpPeer(IPAddress.IPv6Loopback);

        for (var i = 0; i < 8; i++) await phone.SendAsync(Request(phone, i), server.Endpoint(SipTransportKind.Udp));
        await Eventually.TrueAsync(() => server.Layer.RateLimitDropped == 3 && server.Pending == 5, "five are let in and three dropped");
        await other.SendAsync(Request(other, 0), server.Endpoint(SipTransportKind.Udp, AddressFamily.InterNetworkV6));

        for (var i = 0; i < 5; i++) Assert.Equal($"call-{i}", (await server.NextAsync()).Message.CallId);
        Assert.Equal(IPAddress.IPv6Loopback, (await server.NextAsync()).Source.Address.Address);
        Assert.False(phone.HasPending); // dropped without an answer
    }

    [Fact]
    public async Task Responses_are_not_counted_against_the_request_limit()
    {
        var options = RunningTransport.Loopback("udp:127.0.0.1:0") with { SourceRateLimit = FiveAtOnce };
        await using var server = await RunningTransport.StartAsync(options, new FakeTimeProvider());
        using var phone = new UdpPeer();
        var udp = server.Endpoint(SipTransportKind.Udp);
        for (var i = 0; i < 6; i++) await phone.SendAsync(Request(phone, i), udp);
        await Eventually.TrueAsync(() => server.Layer.RateLimitDropped == 1, "the sixth request is dropped");

        await phone.SendAsync(SipText.Response($"SIP/2.0/UDP {phone.SentBy};branch=z9hG4bK-ours", "call-ours"), udp);

        await Eventually.TrueAsync(() => server.Pending == 6, "the response is delivered after the five requests");
        Assert.Equal(1, server.Layer.RateLimitDropped);
    }

    [Fact]
    public async Task Tcp_messages_over_the_burst_are_read_once_the_bucket_refills_and_none_is_lost()
    {
        var time = new FakeTimeProvider();
        var options = RunningTransport.Loopback("tcp:127.0.0.1:0") with { SourceRateLimit = FiveAtOnce };
        await using var server = await RunningTransport.StartAsync(options, time);
        await using var phone = await StreamPeer.ConnectAsync(server.Endpoint(SipTransportKind.Tcp));
        var via = $"SIP/2.0/TCP {phone.LocalEndPoint};branch=z9hG4bK-";

        for (var i = 0; i < 7; i++) await phone.WriteAsync(SipText.Request(via + i, $"call-{i}"));
        await Eventually.TrueAsync(() => server.Layer.RateLimitDelayed == 1 && server.Pending == 5, "five are let in and the sixth waits");

        var sixth = await AdvanceUntilAsync(time, () => server.Pending == 6, "the sixth is let in");
        var seventh = await AdvanceUntilAsync(time, () => server.Pending == 7, "the seventh is let in");

        Assert.InRange(sixth, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1.9)); // one token a second
        Assert.InRange(seventh, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2.9));
        for (var i = 0; i < 7; i++) Assert.Equal($"call-{i}", (await server.NextAsync()).Message.CallId);
        Assert.Equal(0, server.Layer.RateLimitDropped);
    }

    [Fact]
    public async Task With_the_limit_off_nothing_is_dropped()
    {
        var options = RunningTransport.Loopback("udp:127.0.0.1:0") with { SourceRateLimit = SourceRateLimit.Off with { Burst = 1 } };
        await using var server = await RunningTransport.StartAsync(options, new FakeTimeProvider());
        using var phone = new UdpPeer();

        for (var i = 0; i < 20; i++) await phone.SendAsync(Request(phone, i), server.Endpoint(SipTransportKind.Udp));

        await Eventually.TrueAsync(() => server.Pending == 20, "all twenty are delivered");
        Assert.Equal(0, server.Layer.RateLimitDropped);
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(10, 0)]
    public void An_invalid_limit_is_refused_with_a_message(int perSecond, int burst)
    {
        var options = RunningTransport.Loopback() with { SourceRateLimit = new SourceRateLimit { RequestsPerSecond = perSecond, Burst = burst } };

        Assert.Contains("SourceRateLimit", options.Validate(), StringComparison.Ordinal);
    }

    /// <summary>Moves the fake clock in small steps until the condition holds; returns how far it has moved since the start.</summary>
    private static async Task<TimeSpan> AdvanceUntilAsync(FakeTimeProvider time, Func<bool> condition, string what)
    {
        var start = time.Start;
        var until = DateTime.UtcNow + Eventually.Deadline;
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail("Timed out waiting until " + what);
            if (time.GetUtcNow() - start < TimeSpan.FromSeconds(10)) time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.Delay(5, TestContext.Current.CancellationToken);
        }

        return time.GetUtcNow() - start;
    }

    private static byte[] Request(UdpPeer phone, int i) => SipText.Request($"SIP/2.0/UDP {phone.SentBy};branch=z9hG4bK-{i}", $"call-{i}");
}
