using Cinema.Sip.Auth;

namespace Cinema.Sip.Tests.Auth;

public class NonceCountTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Increasing_counts_are_accepted()
    {
        var tracker = new NonceCountTracker();

        Assert.True(tracker.TryAccept("n", 1, T0));
        Assert.True(tracker.TryAccept("n", 2, T0));
        Assert.True(tracker.TryAccept("n", 5, T0));
    }

    [Fact]
    public void Repeated_or_lower_count_is_refused()
    {
        var tracker = new NonceCountTracker();
        Assert.True(tracker.TryAccept("n", 3, T0));

        Assert.False(tracker.TryAccept("n", 3, T0));
        Assert.False(tracker.TryAccept("n", 2, T0));
        Assert.True(tracker.TryAccept("other", 1, T0));
    }

    [Fact]
    public void Count_zero_is_refused()
    {
        Assert.False(new NonceCountTracker().TryAccept("n", 0, T0));
    }

    [Fact]
    public void Tracker_stays_within_capacity_under_many_nonces()
    {
        var tracker = new NonceCountTracker(capacity: 1_000);

        for (var i = 0; i < 50_000; i++)
        {
            tracker.TryAccept($"nonce-{i}", 1, T0.AddMilliseconds(i));
        }

        Assert.Equal(1_000, tracker.Count);
    }

    [Fact]
    public void Forgotten_nonce_cannot_be_replayed()
    {
        var tracker = new NonceCountTracker(capacity: 2);
        Assert.True(tracker.TryAccept("a", 1, T0));
        Assert.True(tracker.TryAccept("b", 1, T0.AddSeconds(1)));
        Assert.True(tracker.TryAccept("c", 1, T0.AddSeconds(2)));

        // "a" was evicted; replaying its count must not look like a first use.
        Assert.False(tracker.TryAccept("a", 1, T0));
    }

    [Fact]
    public void Nonces_issued_after_the_forgotten_ones_are_still_accepted()
    {
        var tracker = new NonceCountTracker(capacity: 1);
        tracker.TryAccept("a", 1, T0);
        tracker.TryAccept("b", 1, T0.AddSeconds(1));

        Assert.True(tracker.TryAccept("c", 1, T0.AddSeconds(2)));
    }

    [Fact]
    public void Recently_used_nonce_is_kept_over_older_ones()
    {
        var tracker = new NonceCountTracker(capacity: 2);
        tracker.TryAccept("a", 1, T0);
        tracker.TryAccept("b", 1, T0.AddSeconds(1));
        tracker.TryAccept("a", 2, T0);
        tracker.TryAccept("c", 1, T0.AddSeconds(2));

        Assert.False(tracker.TryAccept("a", 2, T0));
        Assert.True(tracker.TryAccept("a", 3, T0));
    }

    [Fact]
    public void Concurrent_replays_of_one_count_are_accepted_exactly_once()
    {
        var tracker = new NonceCountTracker();
        var accepted = 0;

        Parallel.For(0, 64, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (uint nc = 1; nc <= 200; nc++)
            {
                if (tracker.TryAccept("shared", nc, T0))
                {
                    Interlocked.Increment(ref accepted);
                }
            }
        });

        // Each count can win at most once, and counts only go up.
        Assert.InRange(accepted, 1, 200);
        Assert.False(tracker.TryAccept("shared", 200, T0));
    }
}
