using Cinema.Edge.Hosting;

namespace Cinema.Edge.Tests;

/// <summary>When the server gives the memory of a burst back: only once quiet, only when the heap grew, and not every second.</summary>
public class MemorySettlePolicyTests
{
    private const long MB = 1 << 20;
    private const long Quiet = 4 * MB;

    private static MemorySettlePolicy Policy() => new(firstWaitTicks: 5, quietBytesPerTick: Quiet, growthBytes: 64 * MB, committedAtStart: 100 * MB);

    /// <summary>Ticks until the policy says collect, at most <paramref name="limit"/>; null if it never does.</summary>
    private static int? TicksUntilDue(MemorySettlePolicy policy, long committed, int limit = 2000)
    {
        for (var i = 1; i <= limit; i++)
        {
            if (policy.Tick(MB, committed)) return i;
        }
        return null;
    }

    [Fact]
    public void A_busy_server_is_never_collected_however_large_its_heap()
    {
        var policy = Policy();
        for (var i = 0; i < 1000; i++) Assert.False(policy.Tick(50 * MB, 900 * MB));
    }

    [Fact]
    public void After_a_burst_the_heap_is_collected_once_the_server_has_been_quiet_for_the_wait()
    {
        var policy = Policy();
        Assert.False(policy.Tick(80 * MB, 400 * MB));
        Assert.Equal(5, TicksUntilDue(policy, 400 * MB));
    }

    [Fact]
    public void A_quiet_server_whose_heap_did_not_grow_is_left_alone()
    {
        Assert.Null(TicksUntilDue(Policy(), 150 * MB));
    }

    [Fact]
    public void A_collection_that_brought_the_heap_back_down_ends_the_settling()
    {
        var policy = Policy();
        Assert.Equal(5, TicksUntilDue(policy, 400 * MB));
        policy.Settled(110 * MB);
        Assert.Null(TicksUntilDue(policy, 110 * MB));
    }

    [Fact]
    public void While_collections_leave_the_heap_high_the_next_try_waits_twice_as_long_up_to_ten_minutes()
    {
        var policy = Policy();
        var waits = new List<int?>();
        for (var i = 0; i < 8; i++)
        {
            waits.Add(TicksUntilDue(policy, 400 * MB));
            policy.Settled(400 * MB);
        }
        Assert.Equal([5, 10, 20, 40, 80, 160, 320, 600], waits);
    }

    [Fact]
    public void A_heap_that_stays_high_through_the_longest_wait_is_live_and_only_growth_beyond_it_counts()
    {
        var policy = Policy();
        for (var i = 0; i < 8; i++)
        {
            Assert.NotNull(TicksUntilDue(policy, 400 * MB));
            policy.Settled(400 * MB);
        }
        Assert.Null(TicksUntilDue(policy, 450 * MB));
        Assert.False(policy.Tick(50 * MB, 470 * MB));
        Assert.Equal(5, TicksUntilDue(policy, 470 * MB));
    }

    [Fact]
    public void New_activity_starts_the_waits_again_from_the_first()
    {
        var policy = Policy();
        Assert.Equal(5, TicksUntilDue(policy, 400 * MB));
        policy.Settled(400 * MB);
        Assert.False(policy.Tick(Quiet + 1, 400 * MB));
        Assert.Equal(5, TicksUntilDue(policy, 400 * MB));
    }
}
