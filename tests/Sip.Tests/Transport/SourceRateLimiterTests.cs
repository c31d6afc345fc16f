using System.Net;
using Cinema.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace Cinema.Sip.Tests.Transport;

/// <summary>The per-source token buckets, on a fake clock (its timer runs the sweep when the test moves time).</summary>
public class SourceRateLimiterTests
{
    private static readonly IPAddress Phone = IPAddress.Parse("192.0.2.7");
    private static readonly IPAddress Other = IPAddress.Parse("192.0.2.8");

    [Fact]
    public void A_source_gets_its_burst_at_once_and_then_the_rate()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 20);

        Assert.Equal(20, Admitted(limiter, Phone, 30));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(1, Admitted(limiter, Phone, 5));
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(10, Admitted(limiter, Phone, 50));
        Assert.Equal(30 - 20 + 5 - 1 + 50 - 10, limiter.Dropped);
    }

    [Fact]
    public void A_flooding_source_does_not_take_the_tokens_of_another()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 20);

        Admitted(limiter, Phone, 1000);

        Assert.Equal(20, Admitted(limiter, Other, 20));
    }

    [Fact]
    public void Addresses_in_one_ipv6_slash_64_share_a_bucket_and_other_prefixes_do_not()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 20);

        Assert.Equal(20, Admitted(limiter, IPAddress.Parse("2001:db8:1:2::1"), 30));

        Assert.False(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2:aaaa:bbbb:cccc:dddd")));
        Assert.True(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:3::1")));
    }

    [Fact]
    public void An_ipv4_mapped_ipv6_address_is_the_ipv4_address()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 20);

        Admitted(limiter, Phone, 20);

        Assert.False(limiter.TryAcquire(Phone.MapToIPv6()));
    }

    [Fact]
    public void A_bucket_is_forgotten_once_it_has_refilled_and_a_limited_one_only_after_its_source_goes_quiet()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 20);
        limiter.TryAcquire(Phone);
        Admitted(limiter, Other, 25);
        Assert.Equal(2, limiter.TrackedSources);

        time.Advance(SourceRateLimiter.SweepInterval);

        Assert.Equal(1, limiter.TrackedSources); // Phone's bucket was full again; Other's has 10 of 20 tokens
        time.Advance(SourceRateLimiter.QuietPeriod);
        Assert.Equal(0, limiter.TrackedSources);
    }

    [Fact]
    public void Sources_beyond_the_table_share_one_bucket_so_a_flood_from_many_addresses_stays_bounded()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 20, maxSources: 100);

        var admitted = 0;
        for (var i = 0; i < 10_000; i++)
        {
            if (limiter.TryAcquire(new IPAddress(0x0A000000u + (uint)i))) admitted++;
        }

        Assert.Equal(100, limiter.TrackedSources);
        Assert.Equal(100 + 20, admitted); // one each for the tracked sources, one burst for all the others
        time.Advance(SourceRateLimiter.SweepInterval);
        Assert.Equal(0, limiter.TrackedSources);
        Assert.True(limiter.TryAcquire(Phone));
    }

    [Fact]
    public void Limiting_is_logged_once_when_it_starts_and_once_with_the_count_when_it_ends()
    {
        var time = new FakeTimeProvider();
        var log = new RecordingLogger();
        using var limiter = Limiter(time, perSecond: 10, burst: 20, logger: log);

        Admitted(limiter, Phone, 120);
        time.Advance(TimeSpan.FromMilliseconds(500));
        Admitted(limiter, Phone, 100);
        Assert.Equal(1, log.Entries.Count(e => e.EventId == 113));
        Assert.DoesNotContain(log.Entries, e => e.EventId == 114);

        for (var i = 0; i < 4; i++) time.Advance(SourceRateLimiter.SweepInterval);

        var ended = Assert.Single(log.Entries, e => e.EventId == 114);
        Assert.Contains("192.0.2.7", ended.Message, StringComparison.Ordinal);
        Assert.Contains(" 195 were dropped", ended.Message, StringComparison.Ordinal); // 100 + (100 - 5 refilled)
    }

    [Fact]
    public void Many_sources_going_over_at_once_are_summed_up_rather_than_logged_one_by_one()
    {
        var time = new FakeTimeProvider();
        var log = new RecordingLogger();
        using var limiter = Limiter(time, perSecond: 10, burst: 20, logger: log);

        for (var i = 0; i < 50; i++) Admitted(limiter, new IPAddress(0x0A000000u + (uint)i), 21);
        time.Advance(SourceRateLimiter.SweepInterval);

        Assert.Equal(10, log.Entries.Count(e => e.EventId == 113));
        Assert.Contains("40 more sources", Assert.Single(log.Entries, e => e.EventId == 115).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_waiter_gets_the_next_token_when_it_comes_and_is_counted_as_delayed_not_dropped()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 2);
        await limiter.WaitAsync(Phone, TestContext.Current.CancellationToken);
        await limiter.WaitAsync(Phone, TestContext.Current.CancellationToken);

        var third = limiter.WaitAsync(Phone, TestContext.Current.CancellationToken).AsTask();

        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(100));
        await third.WaitAsync(Eventually.Deadline, TestContext.Current.CancellationToken);
        Assert.Equal(1, limiter.Delayed);
        Assert.Equal(0, limiter.Dropped);
    }

    [Fact]
    public async Task A_waiter_stops_waiting_when_cancelled()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 1);
        limiter.TryAcquire(Phone);
        using var stopping = new CancellationTokenSource();

        var waiting = limiter.WaitAsync(Phone, stopping.Token).AsTask();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Sources_taking_tokens_from_many_threads_get_exactly_the_burst()
    {
        var time = new FakeTimeProvider();
        using var limiter = Limiter(time, perSecond: 10, burst: 1000);
        var admitted = 0;

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() =>
        {
            var mine = Admitted(limiter, Phone, 1000);
            Interlocked.Add(ref admitted, mine);
        }, TestContext.Current.CancellationToken)));

        Assert.Equal(1000, admitted);
        Assert.Equal(3000, limiter.Dropped);
    }

    private static SourceRateLimiter Limiter(FakeTimeProvider time, int perSecond, int burst, int maxSources = 1000, RecordingLogger? logger = null) =>
        new("requests", perSecond, burst, maxSources, time, logger ?? new RecordingLogger());

    private static int Admitted(SourceRateLimiter limiter, IPAddress source, int attempts)
    {
        var admitted = 0;
        for (var i = 0; i < attempts; i++)
        {
            if (limiter.TryAcquire(source)) admitted++;
        }

        return admitted;
    }
}
